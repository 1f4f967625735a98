-- Rows of silos that stopped heart-beating before the cut-off and are not active (3 = Active).
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND IAmAliveTime < @IAmAliveTime AND Status <> 3;

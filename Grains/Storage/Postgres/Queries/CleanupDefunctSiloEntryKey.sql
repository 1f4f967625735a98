-- One dead silo's row (6 = Dead), which Orleans has judged defunct.
DELETE FROM OrleansMembershipTable
WHERE DeploymentId = @DeploymentId AND Address = @Address AND Port = @Port AND Generation = @Generation
    AND Status = 6;

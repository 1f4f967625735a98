-- Always one row: 1 when the row at the caller's version was deleted, 0 otherwise.
WITH deleted AS (
    DELETE FROM OrleansRemindersTable
    WHERE ServiceId = @ServiceId AND GrainId = @GrainId AND ReminderName = @ReminderName
        AND Version = @Version::integer
    RETURNING 1)
SELECT count(*)::integer FROM deleted;

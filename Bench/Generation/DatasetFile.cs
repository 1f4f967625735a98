namespace StoreMonitor.Bench.Generation;

/// <summary>The three files of a dataset, under the names the public datasets use.</summary>
internal enum DatasetFile
{
    StoreStatus,
    MenuHours,
    Timezones,
}

internal static class DatasetFileNames
{
    public static string Of(DatasetFile file) => file switch
    {
        DatasetFile.StoreStatus => "store_status.csv",
        DatasetFile.MenuHours => "menu_hours.csv",
        DatasetFile.Timezones => "timezones.csv",
        _ => throw new ArgumentOutOfRangeException(nameof(file)),
    };
}

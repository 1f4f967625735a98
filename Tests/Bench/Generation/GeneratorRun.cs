using StoreMonitor.Bench.Generation;

namespace StoreMonitor.Tests.Bench.Generation;

/// <summary>Runs <c>generate</c> in-process and reads back what it wrote.</summary>
public sealed record GeneratorRun(string Directory, int ExitCode, string Output, string Errors)
{
    public static GeneratorRun Start(string directory, params string[] options)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exit = GenerateCommand.Run(["--out", directory, .. options], output, errors);
        return new GeneratorRun(directory, exit, output.ToString(), errors.ToString());
    }

    public string[] Lines(string file) => File.ReadAllLines(Path.Combine(Directory, file));

    public string[][] Rows(string file) => Lines(file).Skip(1).Select(line => line.Split(',')).ToArray();

    public byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Directory, file));
}

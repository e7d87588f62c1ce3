using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Coordinator.Tests.Interop.Clients;

/// <summary>
/// Runs one of the committed node-zookeeper-client scripts (Coordinator.Tests/Interop/node/*.js) as
/// <c>node script.js connectString basePath</c>; each script prints one JSON object per step.
/// </summary>
public static class NodeClient
{
    public static async Task<NodeScriptRun> RunAsync(string script, string connectString, string basePath, TimeSpan? timeout = null)
    {
        InteropEnvironment.RequireNodeClient();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = InteropEnvironment.NodeScriptsDirectory,
            ArgumentList = { Path.Combine(InteropEnvironment.NodeScriptsDirectory, script), connectString, basePath },
        };
        var result = await ExternalProcess.RunAsync(start, standardInput: null, timeout ?? TimeSpan.FromSeconds(60));
        return new NodeScriptRun(script, result);
    }
}

/// <summary>The JSON steps one script reported; lookups fail with the whole output so xunit shows it.</summary>
public sealed class NodeScriptRun
{
    private readonly string _script;
    private readonly List<JsonObject> _steps = [];

    public NodeScriptRun(string script, ProcessResult process)
    {
        _script = script;
        Process = process;
        foreach (var line in process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            _steps.Add(ParseStep(line));
    }

    public ProcessResult Process { get; }

    public IReadOnlyList<JsonObject> Steps => _steps;

    /// <summary>Fails unless the script ran to the end (exit code 0, no "fatal" or unparsable line).</summary>
    public void AssertCompleted() =>
        Assert.True(Process.ExitCode == 0 && _steps.All(s => (string?)s["step"] is not ("fatal" or Unparsed)), $"{_script} failed: {this}");

    /// <summary>The single step called <paramref name="name"/>.</summary>
    public JsonObject Step(string name)
    {
        var matches = _steps.Where(s => (string?)s["step"] == name).ToArray();
        Assert.True(matches.Length == 1, $"{_script}: expected one '{name}' step, found {matches.Length}.\n{this}");
        return matches[0];
    }

    public override string ToString() => Process.ToString();

    private const string Unparsed = "unparsed";

    // A stray non-JSON line must not hide the rest of the run: keep it as a step that fails AssertCompleted.
    private static JsonObject ParseStep(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is JsonObject step)
                return step;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return new JsonObject { ["step"] = Unparsed, ["line"] = line };
    }
}

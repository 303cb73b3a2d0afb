using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Crm.Cli;

namespace Crm.Scoring.Tests.Cli;

/// <summary><c>crm model evaluate|prepare</c>, the real command on hand-written fixture files.</summary>
public sealed class ModelEvaluateCommandTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private static readonly string Train = Path.Combine(Fixtures, "train.csv");
    private static readonly string Test = Path.Combine(Fixtures, "test.csv");
    private readonly string temp = Directory.CreateTempSubdirectory("crm-model-cli-").FullName;

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CrmCli.CreateRootCommand().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static JsonElement LastLineJson(string output) =>
        JsonDocument.Parse(output.TrimEnd().Split('\n')[^1]).RootElement;

    [Fact]
    public async Task Evaluate_TrainAndTest_LastLineIsTheFixedJsonObject()
    {
        var (exit, output, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--test", Test, "--text", "review", "--label", "label", "--json");

        Assert.True(exit == 0, error);
        var json = LastLineJson(output);
        Assert.Equal(["accuracy", "macroF1", "auc", "trainRows", "testRows", "trainSeconds"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(20, json.GetProperty("trainRows").GetInt32()); // 21 data rows, one with an empty review skipped
        Assert.Equal(6, json.GetProperty("testRows").GetInt32());   // the BOM before the header is not part of "review"
        Assert.InRange(json.GetProperty("accuracy").GetDouble(), 0, 1);
        Assert.InRange(json.GetProperty("auc").GetDouble(), 0, 1);
        Assert.True(json.GetProperty("trainSeconds").GetDouble() > 0);
        Assert.Contains("1 skipped for an empty 'review'", output);
        Assert.Contains("majority class:", output);
        Assert.Contains("lexicon rule:", output);
    }

    [Theory]
    [InlineData("LogCountRatio", "log-count-ratio weights, negation scope")]
    [InlineData("TfIdf", "TF-IDF, negation scope")]
    public async Task Evaluate_Weighting_NamesItAndKeepsTheFixedJsonFields(string weighting, string described)
    {
        var (exit, output, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--test", Test, "--text", "review", "--label", "label", "--json", "--weighting", weighting);

        Assert.True(exit == 0, error);
        var json = LastLineJson(output);
        Assert.Equal(["accuracy", "macroF1", "auc", "trainRows", "testRows", "trainSeconds"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(20, json.GetProperty("trainRows").GetInt32());
        Assert.Equal(6, json.GetProperty("testRows").GetInt32());
        Assert.Contains($"model: comment sentiment, WordsAndChars (chars 1-3, words 1-2), Lbfgs (L2 0.1), lexicon cues, {described}", output);
    }

    [Fact]
    public async Task Evaluate_WithoutJson_PrintsTheFiguresForPeople()
    {
        var (exit, output, _) = await InvokeAsync("model", "evaluate", "--train", Train, "--test", Test, "--text", "review", "--label", "label", "--features", "Chars");

        Assert.Equal(0, exit);
        Assert.Matches(@"test: accuracy \d\.\d{4}  macro-F1 \d\.\d{4}  AUC \d\.\d{4}", output);
        Assert.Matches(@"rows: train 20, test 6; training took \d+\.\d s", output);
        Assert.DoesNotContain("{", output);
    }

    [Fact]
    public async Task Evaluate_Folds_CrossValidatesOnTrainAlone()
    {
        var (exit, output, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--text", "review", "--label", "label", "--folds", "4", "--json", "--features", "Chars");

        Assert.True(exit == 0, error);
        Assert.Equal(20, LastLineJson(output).GetProperty("testRows").GetInt32());
        Assert.Equal(15, LastLineJson(output).GetProperty("trainRows").GetInt32());
        Assert.Equal(4, output.Split('\n').Count(l => l.TrimStart().StartsWith("fold ", StringComparison.Ordinal)));
        Assert.Contains("4-fold cross-validation", output);
    }

    [Fact]
    public async Task Evaluate_OneFold_SaysKMustBeAtLeastTwo()
    {
        var (exit, _, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--text", "review", "--label", "label", "--folds", "1");

        Assert.Equal(1, exit);
        Assert.Contains("needs K >= 2", error);
    }

    [Fact]
    public async Task Evaluate_FoldsAndTest_SaysToLeaveOneOut()
    {
        var (exit, _, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--test", Test, "--text", "review", "--label", "label", "--folds", "3");

        Assert.Equal(1, exit);
        Assert.Contains("leave out --test", error);
    }

    [Fact]
    public async Task Evaluate_NeitherTestNorFolds_SaysWhatToGive()
    {
        var (exit, _, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--text", "review", "--label", "label");

        Assert.Equal(1, exit);
        Assert.Contains("give --test", error);
    }

    [Fact]
    public async Task Evaluate_MissingFile_NamesIt()
    {
        var missing = Path.Combine(temp, "nope.csv");

        var (exit, output, error) = await InvokeAsync("model", "evaluate", "--train", missing, "--test", Test, "--text", "review", "--label", "label", "--json");

        Assert.Equal(1, exit);
        Assert.Equal($"error: {missing}: file not found.", error.Trim());
        Assert.DoesNotContain("{", output);
    }

    [Fact]
    public async Task Evaluate_MissingColumn_NamesItAndTheFile()
    {
        var (exit, _, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--test", Test, "--text", "comment", "--label", "label");

        Assert.Equal(1, exit);
        Assert.Contains($"{Train}: no column 'comment'", error);
    }

    [Fact]
    public async Task Evaluate_LabelNotZeroOrOne_NamesRowAndField()
    {
        var bad = Path.Combine(Fixtures, "bad-label.csv");

        var (exit, _, error) = await InvokeAsync("model", "evaluate", "--train", Train, "--test", bad, "--text", "review", "--label", "label");

        Assert.Equal(1, exit);
        Assert.Equal($"error: {bad}: row 4, field 'label': 'yes' is not a label; expected 0 or 1.", error.Trim());
    }

    [Fact]
    public async Task Prepare_Uci_KeepsStrayQuotesAndNelCharacters()
    {
        var output = Path.Combine(temp, "uci.csv");

        var (exit, printed, error) = await InvokeAsync("model", "prepare", "uci", "--in", Path.Combine(Fixtures, "uci.txt"), "--out", output);

        Assert.True(exit == 0, error);
        Assert.Contains("wrote 3 rows", printed);
        var rows = Crm.Scoring.Data.LabeledCsvReader.ReadFile(output, "text", "label").Rows;
        Assert.Equal(["He said \"wow it works.", "A film\u0085 with a line break char.", "Bad."], rows.Select(r => r.Text));
        Assert.Equal([true, false, false], rows.Select(r => r.Positive));
    }

    [Fact]
    public async Task Evaluate_AsItsOwnProcess_ExitsZeroAndEndsStdoutWithJson()
    {
        var crm = Path.Combine(AppContext.BaseDirectory, "crm.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { crm, "model", "evaluate", "--train", Train, "--test", Test, "--text", "review", "--label", "label", "--json", "--features", "Chars" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(6, LastLineJson(await stdout).GetProperty("testRows").GetInt32());
    }
}

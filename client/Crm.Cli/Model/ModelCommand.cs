using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Scoring.Data;
using Crm.Scoring.Evaluation;
using Crm.Scoring.Insight;
using Crm.Scoring.Satisfaction;
using Crm.Scoring.Sentiment;

namespace Crm.Cli.Model;

/// <summary>
/// <c>crm model evaluate</c> trains the product's comment-sentiment pipeline on one labelled CSV and scores another
/// (or cross-validates on one), offline: no cluster, no storage. Other tools call it and read the last stdout line
/// of <c>--json</c>, so that line's shape is fixed. <c>crm model prepare</c> converts the public datasets whose
/// files are not text,label CSV into that input.
/// </summary>
public static class ModelCommand
{
    public static Command Create(Api.ConnectionOptions connection) => new("model", "Trains and evaluates the scoring models offline, on labelled files; trains, lists, activates and rolls back a tenant's models through the API.")
    {
        CreateEvaluate(), CreateSatisfaction(), CreatePrepare(),
        ModelOperationsCommands.Train(connection), ModelOperationsCommands.List(connection), ModelOperationsCommands.Activate(connection),
        ModelOperationsCommands.RollBack(connection), ModelOperationsCommands.Retraining(connection),
    };

    private static Command CreateEvaluate()
    {
        var train = new Option<string>("--train") { Description = "Training data: UTF-8 CSV with a header row.", Required = true };
        var test = new Option<string?>("--test") { Description = "Test data, same columns as --train. Leave it out with --folds." };
        var text = new Option<string>("--text") { Description = "The column holding the text.", Required = true };
        var label = new Option<string>("--label") { Description = "The column holding the label: 1 = positive (satisfied), 0 = negative.", Required = true };
        var json = new Option<bool>("--json") { Description = "End with one JSON line: accuracy, macroF1, auc, trainRows, testRows, trainSeconds." };
        var folds = new Option<int?>("--folds") { Description = "K-fold cross-validation on --train alone (K >= 2), for choosing features without a test file." };
        var features = new Option<FeatureSet>("--features") { Description = "Text features (default: the product's).", DefaultValueFactory = _ => SentimentOptions.Default.Features };
        var charNgrams = new Option<int>("--char-ngrams") { Description = "Longest character n-gram.", DefaultValueFactory = _ => SentimentOptions.Default.CharNgramLength };
        var wordNgrams = new Option<int>("--word-ngrams") { Description = "Longest word n-gram.", DefaultValueFactory = _ => SentimentOptions.Default.WordNgramLength };
        var trainer = new Option<TrainerKind>("--trainer") { Description = "Learner (default: the product's).", DefaultValueFactory = _ => SentimentOptions.Default.Trainer };
        var l2 = new Option<float>("--l2") { Description = "L2 regularization of the L-BFGS learner.", DefaultValueFactory = _ => SentimentOptions.Default.L2Regularization };
        var noLexicon = new Option<bool>("--no-lexicon-features") { Description = "Leave the lexicon rule's cue counts out of the features." };
        var weighting = new Option<FeatureWeighting>("--weighting") { Description = "N-gram weighting: Tf, TfIdf or LogCountRatio (naive-Bayes log-count ratios, NBSVM).", DefaultValueFactory = _ => SentimentOptions.Default.Weighting };
        var negation = new Option<bool>("--negation-scope") { Description = "Mark English words after a negator (not, never, don't, ...) up to the next punctuation as not_word (default: the product's; --negation-scope false turns it off).", DefaultValueFactory = _ => SentimentOptions.Default.NegationScope };
        var tuneL2 = new Option<bool>("--tune-l2") { Description = "Choose the L2 strength (0.01, 0.03 or 0.1) on an inner fifth of the training data (default: the product's).", DefaultValueFactory = _ => SentimentOptions.Default.TuneL2 };
        var hmm = new Option<bool>("--jieba-hmm") { Description = "jieba's HMM pass for words its dictionary does not know (default: the product's; --jieba-hmm false turns it off).", DefaultValueFactory = _ => SentimentOptions.Default.SegmenterHmm };
        var tolerance = new Option<float>("--tolerance") { Description = "L-BFGS optimization tolerance.", DefaultValueFactory = _ => SentimentOptions.Default.OptimizationTolerance };
        var command = new Command("evaluate", "Trains the comment-sentiment pipeline on --train and scores --test (or cross-validates with --folds); prints accuracy, macro-F1, AUC, row counts and training time.")
        {
            train, test, text, label, json, folds, features, charNgrams, wordNgrams, trainer, l2, noLexicon, weighting, negation, tuneL2, hmm, tolerance,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                var options = new SentimentOptions(parse.GetValue(features), parse.GetValue(charNgrams), parse.GetValue(wordNgrams), parse.GetValue(trainer), parse.GetValue(l2), !parse.GetValue(noLexicon), parse.GetValue(weighting), parse.GetValue(negation),
                    parse.GetValue(tuneL2), parse.GetValue(hmm), parse.GetValue(tolerance));
                if (options.CharNgramLength is < 1 or > 6 || options.WordNgramLength is < 1 or > 4)
                {
                    throw new ScoringInputException("--char-ngrams must be 1 to 6 and --word-ngrams 1 to 4.");
                }

                if (options.OptimizationTolerance is not (> 0 and < 1))
                {
                    throw new ScoringInputException("--tolerance must be above 0 and below 1.");
                }

                return Evaluate(output, parse.GetValue(train)!, parse.GetValue(test), parse.GetValue(text)!, parse.GetValue(label)!,
                    parse.GetValue(folds), parse.GetValue(json), options);
            }
            catch (ScoringInputException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static int Evaluate(TextWriter output, string trainPath, string? testPath, string textColumn, string labelColumn, int? folds, bool json, SentimentOptions options)
    {
        if (folds is { } k && testPath is not null)
        {
            throw new ScoringInputException("--folds cross-validates on --train alone; leave out --test, or leave out --folds to score --test.");
        }

        if (folds is null && testPath is null)
        {
            throw new ScoringInputException("give --test (a file to score) or --folds K (cross-validation on --train).");
        }

        if (folds is < 2)
        {
            throw new ScoringInputException($"--folds: {folds} is too few; K-fold cross-validation needs K >= 2.");
        }

        var train = LabeledCsvReader.ReadFile(trainPath, textColumn, labelColumn);
        var test = testPath is null ? null : LabeledCsvReader.ReadFile(testPath, textColumn, labelColumn);
        if (folds is { } foldCount && train.Rows.Count < foldCount)
        {
            throw new ScoringInputException($"{trainPath}: {train.Rows.Count} rows with text cannot be split into {foldCount} folds.");
        }

        output.WriteLine($"train: {trainPath}: {train.Rows.Count} rows ({Share(train.Rows)}), {train.SkippedEmpty} skipped for an empty '{textColumn}'");
        if (test is not null)
        {
            output.WriteLine($"test:  {testPath}: {test.Rows.Count} rows ({Share(test.Rows)}), {test.SkippedEmpty} skipped for an empty '{textColumn}'");
        }

        output.WriteLine($"model: comment sentiment, {options}");
        EvaluationReport report;
        BinaryMetrics majority, lexicon;
        if (test is null)
        {
            report = SentimentTraining.CrossValidate(train.Rows, folds!.Value, options, (fold, result) =>
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  fold {fold + 1}: {Line(result.Metrics)}  ({result.TrainSeconds:0.0} s{(options.TuneL2 ? $", L2 {result.Trained?.L2Regularization}" : string.Empty)})")));

            output.WriteLine($"{folds}-fold cross-validation (mean of folds): {Line(report.Metrics)}");
            majority = Baselines.Majority(train.Rows, train.Rows);
            lexicon = Baselines.Lexicon(train.Rows, train.Rows);
        }
        else
        {
            report = SentimentTraining.TrainAndTest(train.Rows, test.Rows, options);
            output.WriteLine($"test: {Line(report.Metrics)}{(options.TuneL2 ? string.Create(CultureInfo.InvariantCulture, $" (L2 {report.Trained?.L2Regularization})") : string.Empty)}");
            majority = Baselines.Majority(train.Rows, test.Rows);
            lexicon = Baselines.Lexicon(train.Rows, test.Rows);
        }

        output.WriteLine($"majority class: {Line(majority)}");
        output.WriteLine($"lexicon rule:   {Line(lexicon)}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rows: train {report.TrainRows}, test {report.TestRows}; training took {report.TrainSeconds:0.0} s{(test is null ? " per fold" : string.Empty)}"));
        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new EvaluationJson(
                Round(report.Metrics.Accuracy), Round(report.Metrics.MacroF1), Round(report.Metrics.Auc),
                report.TrainRows, report.TestRows, Math.Round(report.TrainSeconds, 2)), EvaluationJsonContext.Default.EvaluationJson));
        }

        return 0;
    }

    private static Command CreateSatisfaction()
    {
        var train = new Option<string>("--train") { Description = "Responses: UTF-8 CSV with a header row.", Required = true };
        var text = new Option<string?>("--text") { Description = "The comment column (optional: without it only ratings and facts are used)." };
        var label = new Option<string>("--label") { Description = "1 = satisfied, 0 = dissatisfied.", Required = true };
        var numeric = new Option<string[]>("--numeric") { Description = "Numeric columns: ratings and case facts (an empty field is missing).", AllowMultipleArgumentsPerToken = true };
        var categorical = new Option<string[]>("--categorical") { Description = "Categorical columns, e.g. channel, category.", AllowMultipleArgumentsPerToken = true };
        var folds = new Option<int>("--folds") { Description = "K-fold cross-validation (K >= 2).", DefaultValueFactory = _ => 5 };
        var permutations = new Option<int>("--permutations") { Description = "Repeats of each driver's permutation.", DefaultValueFactory = _ => 10 };
        var json = new Option<bool>("--json") { Description = "End with one JSON line: accuracy, macroF1, auc, rows, seconds." };
        var command = new Command("satisfaction", "Cross-validates the satisfaction model (comment + ratings + case facts) and prints its drivers, themes and recommendations.")
        {
            train, text, label, numeric, categorical, folds, permutations, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            try
            {
                if (parse.GetValue(folds) < 2)
                {
                    throw new ScoringInputException("--folds: K-fold cross-validation needs K >= 2.");
                }

                var records = SatisfactionCsvReader.ReadFile(parse.GetValue(train)!, parse.GetValue(text), parse.GetValue(label)!,
                    parse.GetValue(numeric) ?? [], parse.GetValue(categorical) ?? []);
                var report = SatisfactionInsight.Analyze(records, parse.GetValue(folds), new SatisfactionOptions(UseComments: parse.GetValue(text) is not null, Permutations: parse.GetValue(permutations)));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"responses: {records.Count} ({records.Count(r => r.Satisfied)} satisfied, {records.Count(r => !r.Satisfied)} not; {records.Count(r => r.Comment is not null)} with a comment)"));
                output.WriteLine($"{parse.GetValue(folds)}-fold cross-validation (mean of folds): {Line(report.Evaluation.Metrics)}");
                output.WriteLine("drivers (permutation importance: drop in held-out AUC when shuffled; ± spread over repeats, and across folds):");
                foreach (var d in report.Evaluation.Drivers)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {d.Slot,-28} {d.AucDrop,8:0.0000} ± {d.PermutationSpread:0.0000} (folds ± {d.FoldSpread:0.0000})"));
                }

                output.WriteLine("themes of dissatisfied comments (term: dissatisfied / satisfied comments, share of dissatisfied, z):");
                foreach (var t in report.Themes)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.Term}: {t.Detractors} / {t.Satisfied}, {t.ShareOfDetractors:P0}, z {t.Z:0.0}; e.g. {string.Join(" | ", t.Examples.Select(e => Shorten(e, 60)))}"));
                }

                output.WriteLine("recommendations:");
                foreach (var r in report.Recommendations)
                {
                    output.WriteLine($"  en: {r.English}");
                    output.WriteLine($"  zh: {r.Chinese}");
                }

                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"took {report.Evaluation.Seconds:0.0} s"));
                if (parse.GetValue(json))
                {
                    var m = report.Evaluation.Metrics;
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"accuracy\":{Round(m.Accuracy)},\"macroF1\":{Round(m.MacroF1)},\"auc\":{Round(m.Auc)},\"rows\":{records.Count},\"seconds\":{report.Evaluation.Seconds:0.00}}}"));
                }

                return 0;
            }
            catch (ScoringInputException ex)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text.ReplaceLineEndings(" ") : text[..length].ReplaceLineEndings(" ") + "…";

    private static Command CreatePrepare()
    {
        var output = new Option<string>("--out") { Description = "The CSV file to write (text,label,...). Write it outside the repository.", Required = true };
        var uciInput = new Option<string[]>("--in") { Description = "One or more UCI *_labelled.txt files.", Required = true, AllowMultipleArgumentsPerToken = true };
        var uci = new Command("uci", "UCI Sentiment Labelled Sentences (sentence TAB label, no quoting) to text,label CSV.") { uciInput, output };
        uci.SetAction(parse => Prepare(parse, () => DatasetPreparation.ConvertUci(parse.GetValue(uciInput)!, parse.GetValue(output)!)));

        var folder = new Option<string>("--data") { Description = "The folder with olist_orders_dataset.csv and olist_order_reviews_dataset.csv.", Required = true };
        var uncommented = new Option<bool>("--with-uncommented") { Description = "Also reviews without a comment (for the satisfaction model)." };
        var olist = new Command("olist", "Olist reviews with a comment, scores 4-5 as 1 and 1-2 as 0, joined to delivery facts.") { folder, output, uncommented };
        olist.SetAction(parse => Prepare(parse, () => DatasetPreparation.ConvertOlist(parse.GetValue(folder)!, parse.GetValue(output)!, parse.GetValue(uncommented))));

        var cfpbInput = new Option<string>("--in") { Description = "complaints_sample.csv (the CFPB export).", Required = true };
        var cfpb = new Command("cfpb", "CFPB complaint narratives, each labelled 0 (every row is a complaint).") { cfpbInput, output };
        cfpb.SetAction(parse => Prepare(parse, () => DatasetPreparation.ConvertCfpb(parse.GetValue(cfpbInput)!, parse.GetValue(output)!)));

        return new Command("prepare", "Converts a public evaluation dataset into the CSV that 'crm model evaluate' reads.") { uci, olist, cfpb };
    }

    private static int Prepare(ParseResult parse, Func<int> convert)
    {
        try
        {
            parse.InvocationConfiguration.Output.WriteLine($"wrote {convert()} rows");
            return 0;
        }
        catch (Exception ex) when (ex is ScoringInputException or IOException or UnauthorizedAccessException)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
    }

    private static string Share(IReadOnlyList<LabeledText> rows) =>
        string.Create(CultureInfo.InvariantCulture, $"{rows.Count(r => r.Positive)} labelled 1, {rows.Count(r => !r.Positive)} labelled 0");

    private static string Line(BinaryMetrics m) =>
        string.Create(CultureInfo.InvariantCulture, $"accuracy {m.Accuracy:0.0000}  macro-F1 {m.MacroF1:0.0000}  AUC {(double.IsNaN(m.Auc) ? "n/a" : m.Auc.ToString("0.0000", CultureInfo.InvariantCulture))}");

    /// <summary>NaN (AUC when the test file holds one label only) becomes null: JSON has no NaN.</summary>
    private static double? Round(double value) => double.IsNaN(value) ? null : Math.Round(value, 4);
}

/// <summary>The last line of <c>--json</c>; its property names and order are an interface other tools read.</summary>
internal sealed record EvaluationJson(
    [property: JsonPropertyName("accuracy")] double? Accuracy,
    [property: JsonPropertyName("macroF1")] double? MacroF1,
    [property: JsonPropertyName("auc")] double? Auc,
    [property: JsonPropertyName("trainRows")] int TrainRows,
    [property: JsonPropertyName("testRows")] int TestRows,
    [property: JsonPropertyName("trainSeconds")] double TrainSeconds);

[JsonSerializable(typeof(EvaluationJson))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;

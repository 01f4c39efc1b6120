using System.Globalization;
using System.Text;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// Failure output a developer can act on: findings grouped by (operation, mutation, status, what is wrong), each with
/// the roles and targets it was seen with and a few example requests and answers; first a one-line-per-finding
/// summary across operations.
/// </summary>
public static class FuzzReport
{
    public static string Format(string title, IReadOnlyList<FuzzOutcome> all, IReadOnlyList<(FuzzOutcome Outcome, string Finding)> findings, int examples = 2)
    {
        var text = new StringBuilder();
        var refused = all.Count(o => o.ClientRefused);
        var notSent = refused > 0 ? $" ({refused} not sent: the client or the in-memory test server refused them, see the end)" : string.Empty;
        text.AppendLine(CultureInfo.InvariantCulture, $"{title}: {findings.Count} of {all.Count} requests broke the rule{notSent}.");
        var groups = findings
            .GroupBy(f => (f.Outcome.Case.Operation.OperationId, f.Outcome.Case.Operation.Method, f.Outcome.Case.Operation.PathTemplate,
                f.Outcome.Case.Category, f.Outcome.Case.Mutation, f.Outcome.Status, f.Finding))
            .OrderBy(g => g.Key.Finding, StringComparer.Ordinal).ThenBy(g => g.Key.OperationId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Category).ThenBy(g => g.Key.Mutation, StringComparer.Ordinal)
            .ToList();

        text.AppendLine();
        text.AppendLine("Summary (finding | status | category | mutation -> operations):");
        foreach (var summary in groups
                     .GroupBy(g => (g.Key.Finding, g.Key.Status, g.Key.Category, g.Key.Mutation))
                     .OrderBy(s => s.Key.Finding, StringComparer.Ordinal).ThenBy(s => s.Key.Status).ThenBy(s => s.Key.Category)
                     .ThenBy(s => s.Key.Mutation, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {summary.Key.Finding} | {Status(summary.Key.Status)} | {summary.Key.Category} | {summary.Key.Mutation} -> {string.Join(", ", summary.Select(g => g.Key.OperationId).Distinct())}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Groups ({groups.Count}), with examples:");
        foreach (var group in groups)
        {
            var cases = group.Select(f => f.Outcome).ToList();
            var roles = string.Join(",", cases.Select(c => c.Case.Role).Distinct());
            var targets = FuzzText.Shorten(string.Join(", ", cases.Select(c => c.Case.Target).Distinct()), 200);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"- {group.Key.Method} {group.Key.PathTemplate} ({group.Key.OperationId}) | {group.Key.Category} | {group.Key.Mutation} | {Status(group.Key.Status)} | {group.Key.Finding} | {cases.Count}x | roles: {roles} | targets: {targets}");
            foreach (var example in cases.Take(examples))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    request: {example.Case.Describe()}");
                text.AppendLine(CultureInfo.InvariantCulture, $"    answer:  {example.DescribeAnswer()}");
            }
        }

        if (refused > 0)
        {
            text.AppendLine();
            text.AppendLine("Not sent (not judged):");
            foreach (var kind in all.Where(o => o.ClientRefused).GroupBy(o => (o.Case.Mutation, o.Error)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {kind.Key.Mutation}: {kind.Key.Error} ({kind.Count()}x)");
            }
        }

        text.AppendLine();
        text.AppendLine("Time per operation (slowest first):");
        foreach (var operation in all.GroupBy(o => o.Case.Operation.OperationId).OrderByDescending(g => g.Sum(o => o.Elapsed.TotalMilliseconds)).Take(10))
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {operation.Key}: {operation.Count()} requests, {operation.Sum(o => o.Elapsed.TotalSeconds):0.0} s, slowest {operation.Max(o => o.Elapsed.TotalMilliseconds):0} ms ({operation.MaxBy(o => o.Elapsed)!.Case.Mutation})");
        }

        return text.ToString();
    }

    /// <summary>Every outcome, one tab-separated line each (operation, category, role, mutation, target, status, content type, body start).</summary>
    public static string Table(IReadOnlyList<FuzzOutcome> all)
    {
        var text = new StringBuilder("operation\tcategory\trole\tmutation\ttarget\tstatus\tcontent type\tbody\n");
        foreach (var o in all)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{o.Case.Operation.OperationId}\t{o.Case.Category}\t{o.Case.Role}\t{o.Case.Mutation}\t{o.Case.Target}\t{o.Status}\t{o.ContentType}\t{FuzzText.Shorten((o.Error ?? o.Body).ReplaceLineEndings(" ").Replace('\t', ' '), 200)}");
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="report"/> next to the test assembly and returns the file's path.</summary>
    public static string Save(string name, string report)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fuzz-reports", $"{name}.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, report);
        return path;
    }

    private static string Status(int status) => status switch
    {
        0 => "no answer",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };
}

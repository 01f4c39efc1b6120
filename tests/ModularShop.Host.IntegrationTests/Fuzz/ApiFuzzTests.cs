using System.Globalization;
using Shouldly;
using Xunit;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// Issue 11: a fuzz over every operation of the host's own OpenAPI document. Whatever is broken in a request (its path
/// values, query, body, content type or headers), as anonymous, customer or admin, the host never answers a 5xx, and
/// every error it answers is RFC 9457 problem details (API.md, "Conventions"). One test per part of the request, so a
/// failure says where to look; each prints its findings grouped by operation, mutation and status, with examples, and
/// saves the whole list under <c>fuzz-reports/</c> next to the test assembly.
/// </summary>
public sealed class ApiFuzzTests(ApiFuzzFixture fuzz) : IClassFixture<ApiFuzzFixture>
{
    /// <summary>Catalog, Users and Cart publish 31 operations today; an empty or truncated document must not pass.</summary>
    private const int MinimumOperations = 25;

    /// <summary>The most of a report a failure message shows (the file has all of it).</summary>
    private const int MaxMessage = 60_000;

    [Fact]
    public void The_fuzz_reads_every_operation_of_the_document()
    {
        fuzz.Operations.Count.ShouldBeGreaterThanOrEqualTo(MinimumOperations);
        fuzz.Operations.Where(o => o.Body is not null).Count().ShouldBeGreaterThanOrEqualTo(10, "the fuzz sees the request bodies");
        fuzz.Operations.SelectMany(o => o.PathParameters).Count().ShouldBeGreaterThanOrEqualTo(10, "the fuzz sees the path parameters");
        fuzz.Operations.SelectMany(o => o.QueryParameters).Count().ShouldBeGreaterThanOrEqualTo(5, "the fuzz sees the query parameters");
    }

    /// <summary>
    /// The fuzz's own check: each operation's unchanged request passes validation (no 400, 415 or 422) for the role the
    /// body cases are sent as, so that a mutation's answer is about the mutation, not about a baseline the host refuses.
    /// </summary>
    [Fact]
    public async Task Every_operation_accepts_the_valid_looking_request_the_cases_start_from()
    {
        var outcomes = await fuzz.RunAsync(FuzzCategory.Baseline);

        outcomes.Select(o => o.Case.Operation.OperationId).Distinct().Count().ShouldBe(fuzz.Operations.Count);
        var findings = outcomes
            .Where(o => o.Case.Role == FuzzCaseGenerator.FocusRole(o.Case.Operation) || o.Violation is not null)
            .Select(o => (o, o.Violation ?? (o.Status is 400 or 415 or 422 ? "the unchanged request is refused as invalid" : null)))
            .Where(f => f.Item2 is not null)
            .Select(f => (f.o, f.Item2!))
            .ToList();
        Report("Baseline", "Baseline: the unchanged requests are valid and well answered", outcomes, findings);
    }

    [Fact]
    public Task Bad_path_parameters_get_no_5xx_and_only_problem_details() => AssertNoViolationsAsync(FuzzCategory.PathParameters, minimumCases: 1000);

    [Fact]
    public Task Bad_query_parameters_get_no_5xx_and_only_problem_details() => AssertNoViolationsAsync(FuzzCategory.QueryParameters, minimumCases: 500);

    [Fact]
    public Task Bad_body_properties_get_no_5xx_and_only_problem_details() => AssertNoViolationsAsync(FuzzCategory.BodyProperties, minimumCases: 1000);

    [Fact]
    public Task Broken_bodies_get_no_5xx_and_only_problem_details() => AssertNoViolationsAsync(FuzzCategory.WholeBodies, minimumCases: 300);

    [Fact]
    public Task Odd_content_types_get_no_5xx_and_only_problem_details() => AssertNoViolationsAsync(FuzzCategory.ContentTypes, minimumCases: 200);

    [Fact]
    public Task Odd_headers_get_no_5xx_and_only_problem_details() => AssertNoViolationsAsync(FuzzCategory.Headers, minimumCases: 300);

    /// <summary>
    /// The softer rule, over every request of every category: each status the host answers is one the document declares
    /// for that operation, so that generated clients and readers of the document are not surprised.
    /// </summary>
    [Fact]
    public async Task Every_status_code_the_fuzz_gets_is_documented_for_its_operation()
    {
        var all = await fuzz.RunAllAsync();
        FuzzReport.Save("all-outcomes", FuzzReport.Table(all));

        var findings = all.Select(o => (Outcome: o, Finding: FuzzOracle.JudgeDocumented(o)))
            .Where(f => f.Finding is not null)
            .Select(f => (f.Outcome, f.Finding!))
            .ToList();
        Report("undocumented-status-codes", "Status codes the document does not declare for the operation", all, findings);
    }

    private async Task AssertNoViolationsAsync(FuzzCategory category, int minimumCases)
    {
        fuzz.Operations.Count.ShouldBeGreaterThanOrEqualTo(MinimumOperations);
        var outcomes = await fuzz.RunAsync(category);

        outcomes.Count.ShouldBeGreaterThanOrEqualTo(minimumCases, $"the {category} fuzz sends a non-trivial number of requests");
        var findings = outcomes.Where(o => o.Violation is not null).Select(o => (o, o.Violation!)).ToList();
        Report(category.ToString(), $"{category}: no 5xx, every error problem details", outcomes, findings);
    }

    private void Report(string name, string title, IReadOnlyList<FuzzOutcome> outcomes, List<(FuzzOutcome, string)> findings)
    {
        var report = FuzzReport.Format(title, outcomes, findings);
        var file = FuzzReport.Save(name, report);
        TestContext.Current.TestOutputHelper?.WriteLine(
            string.Create(CultureInfo.InvariantCulture,
                $"{outcomes.Count} requests on {(ApiFuzzFixture.OnKestrel ? "Kestrel" : "the test server")}; the whole fuzz took {fuzz.Duration.TotalSeconds:0.0} s; report: {file}"));
        if (findings.Count > 0)
        {
            var message = report.Length <= MaxMessage ? report : report[..MaxMessage] + $"\n… (cut; the whole report is in {file})";
            throw new Xunit.Sdk.XunitException($"{message}\nFull report: {file}");
        }
    }
}

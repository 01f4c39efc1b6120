using System.Diagnostics;
using System.Net.Http.Headers;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// Sends fuzz cases: the operations side by side (a few at a time, the box has 2 cores), each operation's cases one
/// after another in generated order, so that a run is repeatable even where a case changes the data (a delete).
/// </summary>
public sealed class FuzzRunner(HttpClient client, FuzzWorld world, ExceptionLog exceptions)
{
    /// <summary>How many operations run at once.</summary>
    public const int Parallelism = 4;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<FuzzOutcome>> RunAsync(IReadOnlyList<IReadOnlyList<FuzzCase>> casesByOperation, CancellationToken cancellationToken)
    {
        var results = new FuzzOutcome[casesByOperation.Count][];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, casesByOperation.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var outcomes = new List<FuzzOutcome>(casesByOperation[i].Count);
                foreach (var fuzzCase in casesByOperation[i])
                {
                    var started = Stopwatch.GetTimestamp();
                    var outcome = await SendAsync(fuzzCase, ct);
                    outcomes.Add(outcome with { Elapsed = Stopwatch.GetElapsedTime(started) });
                }

                results[i] = [.. outcomes];
            });
        return [.. results.SelectMany(r => r)];
    }

    public async Task<FuzzOutcome> SendAsync(FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        HttpRequestMessage request;
        try
        {
            request = Build(fuzzCase);
        }
        catch (Exception e) when (e is UriFormatException or FormatException or InvalidOperationException)
        {
            return new FuzzOutcome(fuzzCase, -1, null, string.Empty, $"client refused to send: {e.Message}");
        }

        using (request)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(RequestTimeout);
            try
            {
                using var response = await client.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                var contentType = response.Content.Headers.TryGetValues("Content-Type", out var values)
                    ? values.First().Split(';')[0].Trim()
                    : null;
                var outcome = new FuzzOutcome(fuzzCase, (int)response.StatusCode, contentType, body, null);
                if (outcome.Status >= 500 && exceptions.Find(body) is { } exception)
                {
                    outcome = outcome with { ServerException = exception };
                }

                return outcome with { Violation = FuzzOracle.Judge(outcome) };
            }
            catch (InvalidOperationException e) when (e.Message.Contains("path contains null characters", StringComparison.Ordinal))
            {
                // The in-memory test server cannot represent a path with NUL (Kestrel answers such a request itself).
                return new FuzzOutcome(fuzzCase, -1, null, string.Empty, $"test server refused to send: {e.Message}");
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested)
            {
                var error = e is OperationCanceledException ? $"no answer within {RequestTimeout.TotalSeconds} s" : $"{e.GetType().Name}: {e.GetBaseException().Message}";
                var outcome = new FuzzOutcome(fuzzCase, 0, null, string.Empty, error);
                return outcome with { Violation = FuzzOracle.Judge(outcome) };
            }
        }
    }

    private HttpRequestMessage Build(FuzzCase fuzzCase)
    {
        var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Operation.Method), new Uri(client.BaseAddress!, fuzzCase.PathAndQuery));
        if (fuzzCase.Headers.All(h => h.Key != "Authorization") && world.Token(fuzzCase.Role) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in fuzzCase.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Dispose();
                throw new InvalidOperationException($"header {name} is refused by HttpClient");
            }
        }

        if (fuzzCase.Body is { Length: > 1024 * 1024 })
        {
            // Over Kestrel's body limit: let the server refuse before the body is sent, and never reuse a connection it
            // may close after refusing (otherwise the 413 can be lost to "broken pipe" on a real socket).
            request.Headers.ExpectContinue = true;
            request.Headers.ConnectionClose = true;
        }

        if (fuzzCase.Body is not null)
        {
            var content = new ByteArrayContent(fuzzCase.Body);
            if (fuzzCase.ContentType is not null && !content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType))
            {
                request.Dispose();
                throw new InvalidOperationException("Content-Type is refused by HttpClient");
            }

            request.Content = content;
        }

        return request;
    }
}

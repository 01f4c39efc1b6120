namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>What the host answered to one <see cref="FuzzCase"/> (status 0: no answer, see <see cref="Error"/>).</summary>
public sealed record FuzzOutcome(FuzzCase Case, int Status, string? ContentType, string Body, string? Error)
{
    /// <summary>What is wrong with the answer by the fuzz oracle (<see cref="FuzzOracle"/>), or null.</summary>
    public string? Violation { get; init; }

    /// <summary>The exception the host logged while answering (for a 5xx), when the fuzz could match it to the request.</summary>
    public string? ServerException { get; init; }

    /// <summary>How long the request took (the slowest operations are listed in the report).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>HttpClient would not send the request at all (nothing reached the host): skipped, not judged.</summary>
    public bool ClientRefused => Status < 0;

    public string DescribeAnswer() =>
        Error is not null
            ? $"no answer: {FuzzText.Shorten(Error, 300)}"
            : $"{Status} {ContentType ?? "(no content type)"} {FuzzText.Shorten(Body.ReplaceLineEndings(" "), 300)}"
              + (ServerException is null ? string.Empty : $"\n             server exception: {ServerException}");
}

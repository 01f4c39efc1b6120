namespace ModularShop.BuildingBlocks.Web.Http;

/// <summary>
/// The request limits of the host (docs/security.md). The application enforces the URL and header limits itself, with
/// problem details (414, 431); Kestrel's own limits are set higher, so that only requests far beyond them are refused by
/// the server itself — with an empty body, before the application runs.
/// </summary>
public static class RequestLimits
{
    /// <summary>A request body larger than this is a 413 (Kestrel's limit, read by the framework as problem details).</summary>
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The request target (path and query, as sent) may be this long; longer is a 414 problem.</summary>
    public const int MaxUrlLength = 8 * 1024;

    /// <summary>All request headers together (name, value and separators of each line) may be this large; larger is a 431 problem.</summary>
    public const int MaxHeadersTotalBytes = 32 * 1024;

    /// <summary>A request may have this many header lines; more is a 431 problem.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>Kestrel's request line limit: a request line longer than this is answered 414 by the server, with no body.</summary>
    public const int ServerMaxRequestLineBytes = 2 * MaxUrlLength;

    /// <summary>Kestrel's header size limit: beyond it the server answers 431 with no body.</summary>
    public const int ServerMaxHeadersTotalBytes = 2 * MaxHeadersTotalBytes;

    /// <summary>Kestrel's header count limit: beyond it the server answers 431 with no body.</summary>
    public const int ServerMaxHeaderCount = 2 * MaxHeaderCount;
}

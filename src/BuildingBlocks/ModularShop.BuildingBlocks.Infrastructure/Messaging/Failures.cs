namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

internal static class Failures
{
    /// <summary>
    /// What <c>last_error</c> keeps of an exception: its type and message, at most 4000 characters, without NUL characters
    /// (PostgreSQL text cannot hold them: the update recording the failure would fail too).
    /// </summary>
    public static string Describe(Exception error)
    {
        var text = $"{error.GetType().Name}: {error.Message}".Replace("\0", string.Empty, StringComparison.Ordinal);
        return text.Length <= 4000 ? text : text[..4000];
    }
}

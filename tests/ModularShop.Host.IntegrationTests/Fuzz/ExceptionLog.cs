using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ModularShop.Host.IntegrationTests.Fuzz;

/// <summary>
/// Remembers the exceptions the host logs, by the trace id of the request (the one problem details carry in
/// <c>traceId</c>), so that a fuzz failure shows the exception behind a 5xx instead of only "an unexpected error".
/// </summary>
public sealed class ExceptionLog : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentDictionary<string, string> _byTrace = new(StringComparer.OrdinalIgnoreCase);
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    /// <summary>The first exception logged during the request whose W3C trace id is contained in <paramref name="text"/>.</summary>
    public string? Find(string text) =>
        _byTrace.FirstOrDefault(e => text.Contains(e.Key, StringComparison.OrdinalIgnoreCase)).Value;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private void Record(string category, Exception exception)
    {
        string? trace = null;
        _scopes.ForEachScope(
            (scope, _) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    foreach (var (key, value) in values)
                    {
                        if (key == "TraceId" && value?.ToString() is { Length: > 0 } id)
                        {
                            trace ??= id;
                        }
                    }
                }
            },
            (object?)null);
        trace ??= System.Diagnostics.Activity.Current?.TraceId.ToHexString();
        if (trace is null)
        {
            return;
        }

        var inner = exception.GetBaseException();
        var frame = exception.StackTrace?.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Contains("ModularShop", StringComparison.Ordinal))
                    ?? exception.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
        var summary = $"{exception.GetType().Name}: {FuzzText.Shorten(exception.Message.ReplaceLineEndings(" "), 200)}"
                      + (inner != exception ? $" ← {inner.GetType().Name}: {FuzzText.Shorten(inner.Message.ReplaceLineEndings(" "), 200)}" : string.Empty)
                      + (frame is null ? string.Empty : $" {FuzzText.Shorten(frame, 200)}")
                      + $" [logged by {category}]";
        _byTrace.TryAdd(trace, summary);
    }

    private sealed class Logger(ExceptionLog owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && logLevel >= LogLevel.Warning)
            {
                owner.Record(category, exception);
            }
        }
    }
}

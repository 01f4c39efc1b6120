namespace ModularShop.Modules.Storefront.Session;

/// <summary>
/// One contract call at a time per request. Razor components render concurrently (the layout and the page both load
/// while the other awaits), but the module APIs they call share the request's scoped DbContexts, which allow one
/// operation at a time: every component's data load goes through this gate.
/// </summary>
internal sealed class RequestGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(Func<Task<T>> load)
    {
        await _gate.WaitAsync();
        try
        {
            return await load();
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task RunAsync(Func<Task> work) => RunAsync(async () =>
    {
        await work();
        return true;
    });

    public void Dispose() => _gate.Dispose();
}

using ModularShop.Modules.Checkout.Domain;

namespace ModularShop.Modules.Checkout.Process;

/// <summary>
/// For tests only: called after each step of a checkout is committed, with the checkout's id and the step reached.
/// A test registers one instance as a singleton (the host never does) and throws from it to simulate a process that
/// died right after that step (the runner then stops as a crashed one would: nothing after the step happened).
/// </summary>
internal sealed class CheckoutTestHooks
{
    public Func<Guid, CheckoutStep, Task>? AfterStep { get; set; }
}

using ModularShop.BuildingBlocks.Infrastructure.Messaging;
using ModularShop.Modules.Checkout.Persistence;

namespace ModularShop.Modules.Checkout.Process;

/// <summary>The resume timer (<see cref="ResumeCheckout"/>): finishes or undoes a checkout nobody finished; sets itself again while one is still moving.</summary>
internal sealed class ResumeCheckoutHandler(CheckoutRunner runner, CheckoutDbContext db) : IScheduledMessageHandler<ResumeCheckout>
{
    public Task HandleAsync(ResumeCheckout message, CancellationToken cancellationToken) =>
        runner.ResumeAsync(message.CheckoutId, at => db.Schedule(new ResumeCheckout(message.CheckoutId), at), cancellationToken);
}

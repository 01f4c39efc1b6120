namespace ModularShop.BuildingBlocks.Infrastructure.Messaging;

/// <summary>
/// Thrown by a handler when its message cannot be applied <b>yet</b> — what it refers to is still being written by
/// another module's process (e.g. a payment's event arriving before the order that the checkout is placing) — and is
/// expected to be applicable soon. The delivery is retried with the usual back-off, like any failure, but not reported
/// as one (a debug log line, no failure metric) until it runs out of attempts and is parked as dead.
/// </summary>
public sealed class MessageNotReadyException(string message) : Exception(message);

namespace ModularShop.Payments.Conformance;

/// <summary>The provider broke a rule the shop relies on; the message says which and what was seen.</summary>
public sealed class ConformanceException(string message) : Exception(message);

/// <summary>The check needs something the sandbox does not offer (a null optional member): skipped, not passed.</summary>
public sealed class ConformanceNotApplicableException(string message) : Exception(message);

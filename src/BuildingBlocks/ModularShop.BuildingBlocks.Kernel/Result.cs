using System.Diagnostics.CodeAnalysis;

namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>Outcome of a command without a payload.</summary>
public class Result : IFailureFactory<Result>
{
    protected Result(Error? error) => Error = error;

    public Error? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public static Result Success() => new(null);

    public static Result Failure(Error error) => new(error);

    public static Result FromError(Error error) => new(error);

    public static implicit operator Result(Error error) => new(error);
}

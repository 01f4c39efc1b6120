using System.Diagnostics.CodeAnalysis;

namespace ModularShop.BuildingBlocks.Results;

/// <summary>Lets generic code (the validation behaviour) create a failed result of any result type.</summary>
public interface IFailureFactory<out TSelf>
{
    static abstract TSelf FromError(Error error);
}

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

/// <summary>Outcome of a request with a payload.</summary>
public sealed class Result<T> : Result, IFailureFactory<Result<T>>
{
    private readonly T? _value;

    private Result(T value) : base(null) => _value = value;

    private Result(Error error) : base(error) { }

    /// <summary>The payload; only valid when <see cref="Result.IsSuccess"/>.</summary>
    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"Result failed: {Error!.Code}");

    public static Result<T> Success(T value) => new(value);

    public static new Result<T> FromError(Error error) => new(error);

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error);
}

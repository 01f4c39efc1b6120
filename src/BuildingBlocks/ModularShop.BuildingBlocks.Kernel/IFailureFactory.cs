namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>Lets generic code (the validation behaviour) create a failed result of any result type.</summary>
public interface IFailureFactory<out TSelf>
{
    static abstract TSelf FromError(Error error);
}

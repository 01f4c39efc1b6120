namespace ModularShop.BuildingBlocks.Kernel;

/// <summary>Implemented by queries that take <c>?page=&amp;pageSize=</c>.</summary>
public interface IPagedQuery
{
    int Page { get; }

    int PageSize { get; }
}

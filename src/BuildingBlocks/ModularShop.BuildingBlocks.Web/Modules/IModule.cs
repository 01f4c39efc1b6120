using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ModularShop.BuildingBlocks.Web.Modules;

/// <summary>
/// What the host needs to know to add a module. A module contributes its services (including its
/// DbContext, which brings its schema and migrations) in <see cref="AddServices"/>; its Carter endpoints,
/// MediatR handlers and validators are discovered from the module's assembly.
/// </summary>
public interface IModule
{
    /// <summary>Display name, configuration section (<c>Modules:&lt;Name&gt;</c>) and OpenAPI tag.</summary>
    string Name { get; }

    /// <summary>The PostgreSQL schema the module owns; nobody else touches its tables.</summary>
    string Schema { get; }

    void AddServices(IServiceCollection services, IConfiguration configuration);
}

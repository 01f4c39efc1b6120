using System.Reflection;
using Carter;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModularShop.BuildingBlocks.Web.Validation;

namespace ModularShop.BuildingBlocks.Web.Modules;

public static class ModuleHostingExtensions
{
    /// <summary>
    /// Adds every module whose <c>Modules:&lt;Name&gt;:Enabled</c> is not <c>false</c>: its services, then
    /// MediatR handlers, validators and Carter endpoints found in the enabled modules' assemblies.
    /// </summary>
    public static WebApplicationBuilder AddModules(this WebApplicationBuilder builder, params IModule[] modules)
    {
        var enabled = modules
            .Where(m => builder.Configuration.GetValue($"Modules:{m.Name}:Enabled", defaultValue: true))
            .ToList();
        foreach (var module in enabled)
        {
            module.AddServices(builder.Services, builder.Configuration);
        }

        var catalog = new ModuleCatalog(enabled);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddModuleMessaging(catalog.Assemblies.ToArray());

        var endpointTypes = catalog.Assemblies
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ICarterModule).IsAssignableFrom(t))
            .ToArray();
        builder.Services.AddCarter(configurator: c =>
        {
            // Validation runs in the MediatR pipeline only; Carter must not scan for validators itself.
            c.WithEmptyValidators().WithEmptyResponseNegotiators();
            if (endpointTypes.Length == 0)
            {
                c.WithEmptyModules();
            }
            else
            {
                c.WithModules(endpointTypes);
            }
        });
        return builder;
    }

    /// <summary>MediatR 5.1 (scoped service factory, so handlers share the request's DbContext) and validators.</summary>
    public static IServiceCollection AddModuleMessaging(this IServiceCollection services, params Assembly[] assemblies)
    {
        services.AddScoped<ServiceFactory>(sp => sp.GetService!);
        services.AddScoped<IMediator>(sp => new Mediator(sp.GetRequiredService<ServiceFactory>()));
        services.Scan(scan => scan
            .FromAssemblies(assemblies)
            .AddClasses(c => c.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime()
            .AddClasses(c => c.AssignableTo(typeof(IValidator<>)), publicOnly: false)
            // Validators are stateless rule sets, built once (building one per request cost ~6% of a catalog
            // read). Checks that need the database belong in handlers. Only as IValidator<T> (decision 0001).
            .AsImplementedInterfaces(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .WithSingletonLifetime());
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehavior<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehavior<,>));
        return services;
    }
}

/// <summary>Logs every request that fails or takes long; quiet on the happy path.</summary>
internal sealed class LoggingBehavior<TRequest, TResponse>(ILogger<LoggingBehavior<TRequest, TResponse>> logger)
    : IPipelineBehavior<TRequest, TResponse>
{
    private static readonly string RequestName = typeof(TRequest).FullName ?? typeof(TRequest).Name;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var response = await next();
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        if (response is Kernel.Result { IsSuccess: false } failed)
        {
            logger.LogInformation("{Request} failed with {ErrorCode} in {Elapsed} ms", RequestName, failed.Error!.Code, elapsed.TotalMilliseconds);
        }
        else if (elapsed > TimeSpan.FromMilliseconds(500))
        {
            logger.LogWarning("{Request} took {Elapsed} ms", RequestName, elapsed.TotalMilliseconds);
        }

        return response;
    }
}

using System.Text;
using Carter;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.Tokens;
using ModularShop.BuildingBlocks;
using ModularShop.BuildingBlocks.Http;
using ModularShop.BuildingBlocks.Infrastructure;
using ModularShop.BuildingBlocks.Modules;
using ModularShop.BuildingBlocks.Security;
using ModularShop.Modules.Catalog;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

builder.Services.AddBuildingBlocks();
builder.Services.AddBuildingBlocksInfrastructure();
builder.Services.AddOpenApi(o => o.CreateSchemaReferenceId = t => t.Type.FullName?.Replace('+', '.'));
AddAuthentication(builder);

builder.AddModules(new CatalogModule());

var app = builder.Build();

app.UseShopProblemDetails();
app.UseAuthentication();
app.UseAuthorization();
app.UseOutputCache();

app.MapCarter();
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(InfrastructureServiceCollectionExtensions.ReadyTag) });
app.MapOpenApi("/openapi/{documentName}.json");
app.MapScalarApiReference("/docs");

app.Run();

static void AddAuthentication(WebApplicationBuilder builder)
{
    const string developmentKey = "DEVELOPMENT-ONLY-signing-key-not-for-production-0123456789";
    var key = builder.Configuration["Auth:SigningKey"];
    if (string.IsNullOrEmpty(key) && builder.Environment.IsDevelopment())
    {
        key = developmentKey;
    }

    if (key is null || Encoding.UTF8.GetByteCount(key) < 32)
    {
        throw new InvalidOperationException("Auth:SigningKey must be set to at least 32 bytes outside Development.");
    }

    builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
    {
        o.MapInboundClaims = false;
        o.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = builder.Configuration["Auth:Issuer"] ?? "modularshop",
            ValidAudience = builder.Configuration["Auth:Audience"] ?? "modularshop-api",
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ClockSkew = TimeSpan.FromSeconds(30),
            RoleClaimType = ClaimNames.Role,
            NameClaimType = ClaimNames.Subject,
        };
    });
    builder.Services.AddAuthorizationBuilder()
        .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
        .AddPolicy(Policies.User, p => p.RequireAuthenticatedUser());
}

/// <summary>Entry point, visible to WebApplicationFactory.</summary>
public partial class Program;

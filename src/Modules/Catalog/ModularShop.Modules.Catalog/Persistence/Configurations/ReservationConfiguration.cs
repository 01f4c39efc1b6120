using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularShop.Modules.Catalog.Contracts;
using ModularShop.Modules.Catalog.Domain.Stock;

namespace ModularShop.Modules.Catalog.Persistence.Configurations;

internal sealed class ReservationConfiguration : IEntityTypeConfiguration<Reservation>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<Reservation> builder)
    {
        builder.ToTable("stock_reservations");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Shortfalls)
            .HasColumnType("jsonb")
            .HasConversion(
                shortfalls => JsonSerializer.Serialize(shortfalls, Json),
                json => JsonSerializer.Deserialize<List<StockShortfall>>(json, Json) ?? new List<StockShortfall>(),
                new ValueComparer<List<StockShortfall>>(
                    (a, b) => a != null && b != null && a.SequenceEqual(b),
                    l => l.Aggregate(0, HashCode.Combine),
                    l => l.ToList()));
        builder.Ignore(r => r.HoldsUnits);
        builder.OwnsMany(r => r.Lines, line =>
        {
            line.ToTable("stock_reservation_lines");
            line.WithOwner().HasForeignKey("ReservationId");
            line.Property<long>("Id").UseIdentityAlwaysColumn();
            line.HasKey("Id");
            line.HasIndex("ReservationId");
        });
        builder.Navigation(r => r.Lines).HasField("_lines").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

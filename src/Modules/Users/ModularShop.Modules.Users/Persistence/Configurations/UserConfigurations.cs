using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModularShop.Modules.Users.Domain;
using ModularShop.Modules.Users.Security;

namespace ModularShop.Modules.Users.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Email).HasMaxLength(EmailAddress.MaxLength);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(EmailAddress.MaxLength);
        builder.Property(u => u.Name).HasMaxLength(100);
        builder.Property(u => u.PasswordHash).HasMaxLength(512);
        builder.Property(u => u.Roles).HasColumnType("text[]");
        builder.Property(u => u.SecurityStamp).HasDefaultValueSql("gen_random_uuid()");
        builder.HasIndex(u => u.NormalizedEmail).IsUnique();
        builder.HasIndex(u => u.CreatedAt);
    }
}

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("refresh_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.TokenHash).HasMaxLength(32);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        builder.HasIndex(t => t.UserId);
        builder.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AddressConfiguration : IEntityTypeConfiguration<Address>
{
    public void Configure(EntityTypeBuilder<Address> builder)
    {
        builder.ToTable("addresses");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.FullName).HasMaxLength(AddressLimits.Name);
        builder.Property(a => a.Line1).HasMaxLength(AddressLimits.Line);
        builder.Property(a => a.Line2).HasMaxLength(AddressLimits.Line);
        builder.Property(a => a.City).HasMaxLength(AddressLimits.Name);
        builder.Property(a => a.Region).HasMaxLength(AddressLimits.Name);
        builder.Property(a => a.PostalCode).HasMaxLength(AddressLimits.PostalCode);
        builder.Property(a => a.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(a => a.Phone).HasMaxLength(AddressLimits.Phone);
        builder.HasIndex(a => new { a.UserId, a.CreatedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LoginThrottleConfiguration : IEntityTypeConfiguration<LoginThrottleEntry>
{
    public void Configure(EntityTypeBuilder<LoginThrottleEntry> builder)
    {
        builder.ToTable("login_throttles");
        builder.HasKey(t => new { t.NormalizedEmail, t.Client });
        builder.Property(t => t.NormalizedEmail).HasMaxLength(EmailAddress.MaxLength);
        builder.Property(t => t.Client).HasMaxLength(64);
    }
}

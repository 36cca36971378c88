using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class SignInConfiguration : IEntityTypeConfiguration<SignIn>
{
    public void Configure(EntityTypeBuilder<SignIn> entity)
    {
        entity.Property(s => s.Id).HasMaxLength(64);
        entity.Property(s => s.UserId).HasMaxLength(450);
        entity.Property(s => s.EndReason).HasConversion<string>().HasMaxLength(32);
        entity.HasOne<CareUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);

        // Ending all of a user's live sign-ins (disabling, a password reset) finds them here.
        entity.HasIndex(s => new { s.UserId, s.EndedAtUtc });
    }
}

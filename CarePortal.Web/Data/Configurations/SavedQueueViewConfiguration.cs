using CarePortal.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class SavedQueueViewConfiguration : IEntityTypeConfiguration<SavedQueueView>
{
    public void Configure(EntityTypeBuilder<SavedQueueView> entity)
    {
        entity.Property(v => v.UserId).HasMaxLength(64);
        entity.Property(v => v.Name).HasMaxLength(SavedQueueView.NameMax);
        entity.Property(v => v.Cause).HasMaxLength(16);
        entity.Property(v => v.SortBy).HasMaxLength(40);
        entity.HasIndex(v => new { v.UserId, v.Name }).IsUnique();
        entity.HasOne<CareUser>().WithMany().HasForeignKey(v => v.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using CarePortal.Domain.Complaints;
using CarePortal.Domain.Evidence;
using CarePortal.Domain.FollowUps;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CaseFileConfiguration : IEntityTypeConfiguration<CaseFile>
{
    public void Configure(EntityTypeBuilder<CaseFile> entity)
    {
        entity.Property(f => f.FileName).HasMaxLength(EvidenceRules.NameMax);
        entity.Property(f => f.ContentType).HasMaxLength(100);
        entity.Property(f => f.StorageKey).HasMaxLength(32);
        entity.Property(f => f.ThumbnailKey).HasMaxLength(32);
        entity.Property(f => f.AddedById).HasMaxLength(64);
        entity.Property(f => f.AddedByName).HasMaxLength(ComplaintIntake.NameMax);
        entity.Property(f => f.DeletedByName).HasMaxLength(ComplaintIntake.NameMax);
        entity.HasIndex(f => new { f.ComplaintId, f.FollowUpId });
        entity.HasOne<Complaint>().WithMany().HasForeignKey(f => f.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<FollowUp>().WithMany().HasForeignKey(f => f.FollowUpId).OnDelete(DeleteBehavior.Restrict);
        entity.Ignore(f => f.IsDeleted);
    }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> entity)
    {
        entity.HasKey(f => f.Key);
        entity.Property(f => f.Key).HasMaxLength(32);
    }
}

using CarePortal.Domain.Causes;
using CarePortal.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CauseCodeConfiguration : IEntityTypeConfiguration<CauseCode>
{
    public void Configure(EntityTypeBuilder<CauseCode> entity)
    {
        entity.Property(c => c.Name).HasMaxLength(CauseCode.NameMax);
        entity.HasOne<CauseCode>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        entity.Ignore(c => c.IsCategory);
    }
}

internal sealed class ComplaintCauseConfiguration : IEntityTypeConfiguration<Complaint>
{
    // A code a case names cannot go (it is retired instead); the queue filters by it.
    public void Configure(EntityTypeBuilder<Complaint> entity)
    {
        entity.HasOne<CauseCode>().WithMany().HasForeignKey(c => c.CauseCodeId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(c => c.CauseCodeId);
    }
}

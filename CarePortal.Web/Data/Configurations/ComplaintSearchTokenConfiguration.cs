using CarePortal.Domain.Complaints;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

/// <summary>The queue search's grams: a gram's cases are one index range (the key leads with the gram).</summary>
internal sealed class ComplaintSearchTokenConfiguration : IEntityTypeConfiguration<ComplaintSearchToken>
{
    public void Configure(EntityTypeBuilder<ComplaintSearchToken> entity)
    {
        entity.HasKey(t => new { t.Token, t.ComplaintId });
        entity.Property(t => t.Token).HasMaxLength(CaseSearch.GramMaxLength);
        entity.HasOne<Complaint>().WithMany().HasForeignKey(t => t.ComplaintId).OnDelete(DeleteBehavior.Cascade);
    }
}

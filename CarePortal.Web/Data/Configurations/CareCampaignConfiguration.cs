using CarePortal.Domain.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CareCampaignConfiguration : IEntityTypeConfiguration<CareCampaign>
{
    public void Configure(EntityTypeBuilder<CareCampaign> entity)
    {
        entity.Property(c => c.Name).HasMaxLength(CampaignLimits.Name);
        entity.Property(c => c.AudienceSegment).HasMaxLength(CampaignLimits.AudienceSegment);
        entity.Property(c => c.AudienceTag).HasMaxLength(CampaignLimits.AudienceTag);
        entity.Property(c => c.AudienceAccountManagerId).HasMaxLength(64);
        entity.Property(c => c.TemplateChinese).HasMaxLength(CampaignLimits.Template);
        entity.Property(c => c.TemplateEnglish).HasMaxLength(CampaignLimits.Template);
        entity.Property(c => c.ChangedBy).HasMaxLength(CampaignLimits.ChangedBy);
        entity.Property(c => c.Version).IsConcurrencyToken();
        entity.Ignore(c => c.OccasionKey);
        entity.OwnsOne(c => c.CustomDate, date => CustomerConfiguration.DateColumns(date, "Custom"));
        entity.HasIndex(c => c.Status);
    }
}

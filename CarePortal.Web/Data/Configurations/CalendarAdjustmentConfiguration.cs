using CarePortal.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CarePortal.Web.Data.Configurations;

internal sealed class CalendarAdjustmentConfiguration : IEntityTypeConfiguration<CalendarAdjustment>
{
    public void Configure(EntityTypeBuilder<CalendarAdjustment> entity)
    {
        entity.HasKey(a => a.Date);
        entity.Property(a => a.Note).HasMaxLength(CalendarAdjustment.NoteLength);
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GreetingRecipientKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Greetings_CustomerId_OccasionKey_OccasionYear",
                table: "Greetings");

            migrationBuilder.AddColumn<int>(
                name: "ContactId",
                table: "Greetings",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Every greeting so far was to the customer (ContactId 0). Skip reasons become resource keys,
            // and a cancelled campaign's greetings not yet sent are released: skipped, with the reason.
            migrationBuilder.Sql("UPDATE Greetings SET LastError = 'Greeting.Skipped.OptedOut' WHERE Status = 4 AND LastError = 'opted out'");
            migrationBuilder.Sql("UPDATE Greetings SET LastError = 'Greeting.Skipped.CampaignCancelled' WHERE Status = 4 AND LastError = 'campaign cancelled'");
            migrationBuilder.Sql("UPDATE Greetings SET Status = 4, LastError = 'Greeting.Skipped.CampaignCancelled' WHERE Status IN (0, 3) AND CampaignId IN (SELECT Id FROM CareCampaigns WHERE Status = 4)");

            migrationBuilder.CreateIndex(
                name: "IX_Greetings_CustomerId_ContactId_OccasionKey_OccasionYear",
                table: "Greetings",
                columns: new[] { "CustomerId", "ContactId", "OccasionKey", "OccasionYear" },
                unique: true,
                filter: "[Status] <> 4");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Greetings_CustomerId_ContactId_OccasionKey_OccasionYear",
                table: "Greetings");

            // The old key has one row per customer, occasion and year: contacts' greetings go, and of a
            // customer's rows the one holding the key stays (or the latest skipped one).
            migrationBuilder.Sql("DELETE FROM Greetings WHERE ContactId <> 0 OR (Status = 4 AND EXISTS (SELECT 1 FROM Greetings h WHERE h.ContactId = 0 AND h.CustomerId = Greetings.CustomerId AND h.OccasionKey = Greetings.OccasionKey AND h.OccasionYear = Greetings.OccasionYear AND h.Id <> Greetings.Id AND (h.Status <> 4 OR h.Id > Greetings.Id)))");

            migrationBuilder.DropColumn(
                name: "ContactId",
                table: "Greetings");

            migrationBuilder.CreateIndex(
                name: "IX_Greetings_CustomerId_OccasionKey_OccasionYear",
                table: "Greetings",
                columns: new[] { "CustomerId", "OccasionKey", "OccasionYear" },
                unique: true);
        }
    }
}

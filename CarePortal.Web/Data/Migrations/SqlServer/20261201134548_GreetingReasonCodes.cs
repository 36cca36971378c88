using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// Greetings' reasons were English literals; they are message codes now (GreetingFailures). The
    /// literals compared in queries (a cancelled campaign's rows are re-planned by the next campaign)
    /// and the fixed ones become their codes; the gateway's and SMTP's answers, which carry their own
    /// words, are read as codes where shown (GreetingFailures.Read), and keep their text here.
    /// </summary>
    public partial class GreetingReasonCodes : Migration
    {
        // As the codes were on 2026-12-01: a migration does not follow later renames.
        private static readonly (string Literal, string Code)[] Reasons =
        [
            ("opted out", "Greeting.Skipped.OptedOut"),
            ("campaign cancelled", "Greeting.Skipped.CampaignCancelled"),
            ("no e-mail address", "Greeting.Failure.NoEmail"),
            ("no phone number", "Greeting.Failure.NoPhone"),
            ("no account manager", "Greeting.Failure.NoAccountManager"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (literal, code) in Reasons)
            {
                migrationBuilder.Sql($"UPDATE Greetings SET LastError = '{code}' WHERE LastError = '{literal}';");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (literal, code) in Reasons)
            {
                migrationBuilder.Sql($"UPDATE Greetings SET LastError = '{literal}' WHERE LastError = '{code}';");
            }
        }
    }
}

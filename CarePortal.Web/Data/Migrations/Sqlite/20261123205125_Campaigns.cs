using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CareCampaigns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Occasion = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomCalendar = table.Column<int>(type: "INTEGER", nullable: true),
                    CustomMonth = table.Column<int>(type: "INTEGER", nullable: true),
                    CustomDay = table.Column<int>(type: "INTEGER", nullable: true),
                    CustomLeapMonth = table.Column<bool>(type: "INTEGER", nullable: true),
                    CustomYear = table.Column<int>(type: "INTEGER", nullable: true),
                    AudienceTier = table.Column<int>(type: "INTEGER", nullable: true),
                    AudienceKind = table.Column<int>(type: "INTEGER", nullable: true),
                    AudienceSegment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AudienceTag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AudienceAccountManagerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateChinese = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TemplateEnglish = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SendTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    DaysBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareCampaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Greetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    OccasionKey = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OccasionYear = table.Column<int>(type: "INTEGER", nullable: false),
                    OccasionDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SendAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Greetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Greetings_CareCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "CareCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Greetings_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BirthdayCalendar_BirthdayMonth_BirthdayDay",
                table: "Customers",
                columns: new[] { "BirthdayCalendar", "BirthdayMonth", "BirthdayDay" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerContacts_BirthdayCalendar_BirthdayMonth_BirthdayDay",
                table: "CustomerContacts",
                columns: new[] { "BirthdayCalendar", "BirthdayMonth", "BirthdayDay" });

            migrationBuilder.CreateIndex(
                name: "IX_CareCampaigns_Status",
                table: "CareCampaigns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_Greetings_CampaignId_Status",
                table: "Greetings",
                columns: new[] { "CampaignId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Greetings_CustomerId_OccasionKey_OccasionYear",
                table: "Greetings",
                columns: new[] { "CustomerId", "OccasionKey", "OccasionYear" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Greetings_Status_SendAtUtc",
                table: "Greetings",
                columns: new[] { "Status", "SendAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Greetings");

            migrationBuilder.DropTable(
                name: "CareCampaigns");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BirthdayCalendar_BirthdayMonth_BirthdayDay",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_CustomerContacts_BirthdayCalendar_BirthdayMonth_BirthdayDay",
                table: "CustomerContacts");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Occasion = table.Column<int>(type: "int", nullable: false),
                    CustomCalendar = table.Column<int>(type: "int", nullable: true),
                    CustomMonth = table.Column<int>(type: "int", nullable: true),
                    CustomDay = table.Column<int>(type: "int", nullable: true),
                    CustomLeapMonth = table.Column<bool>(type: "bit", nullable: true),
                    CustomYear = table.Column<int>(type: "int", nullable: true),
                    AudienceTier = table.Column<int>(type: "int", nullable: true),
                    AudienceKind = table.Column<int>(type: "int", nullable: true),
                    AudienceSegment = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AudienceTag = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AudienceAccountManagerId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Channel = table.Column<int>(type: "int", nullable: false),
                    TemplateChinese = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    TemplateEnglish = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    SendTime = table.Column<TimeOnly>(type: "time", nullable: false),
                    DaysBefore = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CareCampaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Greetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CampaignId = table.Column<int>(type: "int", nullable: false),
                    CustomerId = table.Column<int>(type: "int", nullable: false),
                    OccasionKey = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    OccasionYear = table.Column<int>(type: "int", nullable: false),
                    OccasionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SendAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
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

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsFirstContact",
                table: "FollowUps",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PeriodStart",
                table: "FollowUps",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "VisitRuleId",
                table: "FollowUps",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AddedAtUtc",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AwaitsFirstContact",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DetailsVerifiedOn",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Commitments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    FollowUpId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MadeById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MadeByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MadeAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    KeptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    KeptByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MissedFlaggedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Commitments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Commitments_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Commitments_FollowUps_FollowUpId",
                        column: x => x.FollowUpId,
                        principalTable: "FollowUps",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "VisitRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Tier = table.Column<int>(type: "INTEGER", nullable: false),
                    Segment = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Frequency = table.Column<int>(type: "INTEGER", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FirstContactWorkingDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EnabledSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitRules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_CustomerId_VisitRuleId_PeriodStart",
                table: "FollowUps",
                columns: new[] { "CustomerId", "VisitRuleId", "PeriodStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_VisitRuleId",
                table: "FollowUps",
                column: "VisitRuleId");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_DetailsVerifiedOn",
                table: "Customers",
                column: "DetailsVerifiedOn");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Tier_Segment",
                table: "Customers",
                columns: new[] { "Tier", "Segment" });

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_CustomerId_KeptAtUtc",
                table: "Commitments",
                columns: new[] { "CustomerId", "KeptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_FollowUpId",
                table: "Commitments",
                column: "FollowUpId");

            migrationBuilder.CreateIndex(
                name: "IX_Commitments_KeptAtUtc_MissedFlaggedAtUtc_DueAtUtc",
                table: "Commitments",
                columns: new[] { "KeptAtUtc", "MissedFlaggedAtUtc", "DueAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_VisitRules_Name",
                table: "VisitRules",
                column: "Name",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_FollowUps_VisitRules_VisitRuleId",
                table: "FollowUps",
                column: "VisitRuleId",
                principalTable: "VisitRules",
                principalColumn: "Id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_FollowUps_VisitRules_VisitRuleId",
                table: "FollowUps");

            migrationBuilder.DropTable(
                name: "Commitments");

            migrationBuilder.DropTable(
                name: "VisitRules");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_CustomerId_VisitRuleId_PeriodStart",
                table: "FollowUps");

            migrationBuilder.DropIndex(
                name: "IX_FollowUps_VisitRuleId",
                table: "FollowUps");

            migrationBuilder.DropIndex(
                name: "IX_Customers_DetailsVerifiedOn",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Tier_Segment",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "IsFirstContact",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "PeriodStart",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "VisitRuleId",
                table: "FollowUps");

            migrationBuilder.DropColumn(
                name: "AddedAtUtc",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AwaitsFirstContact",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "DetailsVerifiedOn",
                table: "Customers");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Deadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Tier",
                table: "Customers",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeId",
                table: "Complaints",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CustomerTier",
                table: "Complaints",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FirstRespondedAtUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolutionAtRiskUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolutionDueUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolutionEscalateUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResolvedAtUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ResponseDueUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaAtRiskUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaDueUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaEscalateUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlaMode",
                table: "Complaints",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "SlaPausedAtUtc",
                table: "Complaints",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SlaState",
                table: "Complaints",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "CalendarAdjustments",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    IsWorkingDay = table.Column<bool>(type: "bit", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarAdjustments", x => x.Date);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    UserId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ComplaintId = table.Column<int>(type: "int", nullable: false),
                    AcceptanceNumber = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Notifications_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Notifications_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SlaPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Class = table.Column<int>(type: "int", nullable: false),
                    Tier = table.Column<int>(type: "int", nullable: true),
                    FirstResponseMinutes = table.Column<int>(type: "int", nullable: false),
                    ResolutionMinutes = table.Column<int>(type: "int", nullable: false),
                    Mode = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlaPolicies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_SlaState_SlaAtRiskUtc",
                table: "Complaints",
                columns: new[] { "SlaState", "SlaAtRiskUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_SlaState_SlaDueUtc",
                table: "Complaints",
                columns: new[] { "SlaState", "SlaDueUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_SlaState_SlaEscalateUtc",
                table: "Complaints",
                columns: new[] { "SlaState", "SlaEscalateUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ComplaintId",
                table: "Notifications",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ComplaintId_Kind_DeadlineUtc",
                table: "Notifications",
                columns: new[] { "UserId", "ComplaintId", "Kind", "DeadlineUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_Class_Tier",
                table: "SlaPolicies",
                columns: new[] { "Class", "Tier" },
                unique: true,
                filter: "[Tier] IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CalendarAdjustments");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "SlaPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_SlaState_SlaAtRiskUtc",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_SlaState_SlaDueUtc",
                table: "Complaints");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_SlaState_SlaEscalateUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Tier",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AssigneeId",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "CustomerTier",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "FirstRespondedAtUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolutionAtRiskUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolutionDueUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolutionEscalateUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResolvedAtUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "ResponseDueUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SlaAtRiskUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SlaDueUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SlaEscalateUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SlaMode",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SlaPausedAtUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "SlaState",
                table: "Complaints");
        }
    }
}

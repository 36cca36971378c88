using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FollowUps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Notifications_Complaints_ComplaintId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_ComplaintId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_UserId_ComplaintId_Kind_DeadlineUtc",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "AcceptanceNumber",
                table: "Notifications");

            migrationBuilder.RenameColumn(
                name: "ComplaintId",
                table: "Notifications",
                newName: "SubjectId");

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "Notifications",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Subject",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "FollowUps",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ComplaintId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PlannedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Report = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Satisfaction = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    OverdueFlaggedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUps_AspNetUsers_AssigneeId",
                        column: x => x.AssigneeId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_FollowUps_Complaints_ComplaintId",
                        column: x => x.ComplaintId,
                        principalTable: "Complaints",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_FollowUps_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_Subject_SubjectId",
                table: "Notifications",
                columns: new[] { "Subject", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_Subject_SubjectId_Kind_DeadlineUtc",
                table: "Notifications",
                columns: new[] { "UserId", "Subject", "SubjectId", "Kind", "DeadlineUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_AssigneeId_PlannedAtUtc",
                table: "FollowUps",
                columns: new[] { "AssigneeId", "PlannedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_ComplaintId",
                table: "FollowUps",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_CustomerId",
                table: "FollowUps",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUps_Status_OverdueFlaggedAtUtc_PlannedAtUtc",
                table: "FollowUps",
                columns: new[] { "Status", "OverdueFlaggedAtUtc", "PlannedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FollowUps");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_Subject_SubjectId",
                table: "Notifications");

            migrationBuilder.DropIndex(
                name: "IX_Notifications_UserId_Subject_SubjectId_Kind_DeadlineUtc",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Subject",
                table: "Notifications");

            migrationBuilder.RenameColumn(
                name: "SubjectId",
                table: "Notifications",
                newName: "ComplaintId");

            migrationBuilder.AddColumn<string>(
                name: "AcceptanceNumber",
                table: "Notifications",
                type: "TEXT",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_ComplaintId",
                table: "Notifications",
                column: "ComplaintId");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ComplaintId_Kind_DeadlineUtc",
                table: "Notifications",
                columns: new[] { "UserId", "ComplaintId", "Kind", "DeadlineUtc" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Notifications_Complaints_ComplaintId",
                table: "Notifications",
                column: "ComplaintId",
                principalTable: "Complaints",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

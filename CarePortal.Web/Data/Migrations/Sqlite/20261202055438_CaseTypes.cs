using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseTypes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaPolicies_Class_Tier",
                table: "SlaPolicies");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AcceptanceCounters",
                table: "AcceptanceCounters");

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "Urgent",
                table: "SlaPolicies",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Place",
                table: "Complaints",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "PreferredAtUtc",
                table: "Complaints",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Urgent",
                table: "Complaints",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Kind",
                table: "AcceptanceCounters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_AcceptanceCounters",
                table: "AcceptanceCounters",
                columns: new[] { "Day", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_Kind_Class_Tier_Urgent",
                table: "SlaPolicies",
                columns: new[] { "Kind", "Class", "Tier", "Urgent" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Complaints_Urgent_AcceptedAtUtc",
                table: "Complaints",
                columns: new[] { "Urgent", "AcceptedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SlaPolicies_Kind_Class_Tier_Urgent",
                table: "SlaPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Complaints_Urgent_AcceptedAtUtc",
                table: "Complaints");

            migrationBuilder.DropPrimaryKey(
                name: "PK_AcceptanceCounters",
                table: "AcceptanceCounters");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "Urgent",
                table: "SlaPolicies");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Place",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "PreferredAtUtc",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Urgent",
                table: "Complaints");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "AcceptanceCounters");

            migrationBuilder.AddPrimaryKey(
                name: "PK_AcceptanceCounters",
                table: "AcceptanceCounters",
                column: "Day");

            migrationBuilder.CreateIndex(
                name: "IX_SlaPolicies_Class_Tier",
                table: "SlaPolicies",
                columns: new[] { "Class", "Tier" },
                unique: true);
        }
    }
}

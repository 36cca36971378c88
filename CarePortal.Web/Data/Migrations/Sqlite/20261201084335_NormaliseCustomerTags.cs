using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CarePortal.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// Customers' tags in the one form of <c>CustomerTags</c>: imports stored them as typed
    /// (<c>VIP，物业</c>), the filter matches whole tags between commas. Separators (<c>，</c> <c>;</c>)
    /// become <c>,</c>; blanks around each tag and empty tags go, by collapsing until nothing changes.
    /// </summary>
    public partial class NormaliseCustomerTags : Migration
    {
        // The blanks CustomerTags trims, as of this migration: space, tab, LF, CR, no-break space, ideographic space.
        private static readonly string[] Blanks = ["' '", "char(9)", "char(10)", "char(13)", "char(160)", "char(12288)"];

        /// <summary>One collapsing step of a comma-wrapped tag list: blanks next to a comma and empty tags removed.</summary>
        private static string Step(string tags) =>
            "replace(" + Blanks.Aggregate(tags, (t, b) => $"replace(replace({t}, {b} || ',', ','), ',' || {b}, ',')") + ", ',,', ',')";

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE TEMP TABLE \"NormalisedTags\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Tags\" TEXT NOT NULL);");
            migrationBuilder.Sql($"""
                WITH RECURSIVE "Steps" ("Id", "Tags") AS (
                    SELECT "Id", ',' || replace(replace("Tags", char(65292), ','), ';', ',') || ',' FROM "Customers" WHERE "Tags" <> ''
                    UNION ALL
                    SELECT "Id", {Step("\"Tags\"")} FROM "Steps" WHERE length({Step("\"Tags\"")}) < length("Tags")
                )
                INSERT INTO "NormalisedTags" ("Id", "Tags")
                SELECT "Id", CASE WHEN "Tags" = ',' THEN '' ELSE substr("Tags", 2, length("Tags") - 2) END
                FROM "Steps" WHERE length({Step("\"Tags\"")}) = length("Tags");
                """);
            migrationBuilder.Sql("""
                UPDATE "Customers" SET "Tags" = (SELECT n."Tags" FROM "NormalisedTags" AS n WHERE n."Id" = "Customers"."Id")
                WHERE "Id" IN (SELECT n."Id" FROM "NormalisedTags" AS n WHERE n."Tags" <> "Customers"."Tags");
                """);
            migrationBuilder.Sql("DROP TABLE \"NormalisedTags\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The tags as first typed are not kept; normalised tags stay normalised.
        }
    }
}

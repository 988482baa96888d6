using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// Raw SQL only (no model change, hence no target model): the audit trails and the signed checkpoints become
    /// append-only in the database itself, whatever writes to it; and the checkpoint table, outside the EF model.
    /// </summary>
    [DbContext(typeof(SqliteOpenDuiDbContext))]
    [Migration("20261201103700_AuditAjoutSeul")]
    public partial class AuditAjoutSeul : Migration
    {
        private static readonly string[] Tables = ["TracesAcces", "TracesModification", "JalonsAudit"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE "JalonsAudit" (
                    "Id" INTEGER NOT NULL CONSTRAINT "PK_JalonsAudit" PRIMARY KEY AUTOINCREMENT,
                    "Journal" TEXT NOT NULL,
                    "DerniereTraceId" INTEGER NOT NULL,
                    "DernierHash" TEXT NOT NULL,
                    "NombreTraces" INTEGER NOT NULL,
                    "Horodatage" TEXT NOT NULL,
                    "Signature" TEXT NOT NULL
                );
                """);
            migrationBuilder.Sql("""CREATE INDEX "IX_JalonsAudit_Journal_Id" ON "JalonsAudit" ("Journal", "Id");""");
            foreach (var t in Tables)
                foreach (var (op, nom) in new[] { ("UPDATE", "modification"), ("DELETE", "suppression") })
                    migrationBuilder.Sql($"""
                        CREATE TRIGGER "{t}_sans_{nom}" BEFORE {op} ON "{t}"
                        BEGIN SELECT RAISE(ABORT, 'Journal d''audit en ajout seul : {nom} interdite dans {t}.'); END;
                        """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var t in Tables)
                foreach (var nom in new[] { "modification", "suppression" })
                    migrationBuilder.Sql($"""DROP TRIGGER IF EXISTS "{t}_sans_{nom}";""");
            migrationBuilder.Sql("""DROP TABLE "JalonsAudit";""");
        }
    }
}

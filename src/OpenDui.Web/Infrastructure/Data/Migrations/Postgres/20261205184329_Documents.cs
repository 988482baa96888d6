using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Documents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DocumentsUsagers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UsagerId = table.Column<Guid>(type: "uuid", nullable: false),
                    EssmsId = table.Column<Guid>(type: "uuid", nullable: true),
                    Type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Titre = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DateDocument = table.Column<DateOnly>(type: "date", nullable: true),
                    NomFichier = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TypeContenu = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Taille = table.Column<long>(type: "bigint", nullable: false),
                    Empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CleStockage = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeposeLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DeposeParId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeposeParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Retire = table.Column<bool>(type: "boolean", nullable: false),
                    MotifRetrait = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RetireLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetireParNom = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentsUsagers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentsUsagers_Essms_EssmsId",
                        column: x => x.EssmsId,
                        principalTable: "Essms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DocumentsUsagers_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsUsagers_CleStockage",
                table: "DocumentsUsagers",
                column: "CleStockage",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsUsagers_EssmsId",
                table: "DocumentsUsagers",
                column: "EssmsId");

            migrationBuilder.CreateIndex(
                name: "IX_DocumentsUsagers_UsagerId_Type",
                table: "DocumentsUsagers",
                columns: new[] { "UsagerId", "Type" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DocumentsUsagers");
        }
    }
}

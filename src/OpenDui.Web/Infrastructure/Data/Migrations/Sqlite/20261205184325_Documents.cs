using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Titre = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DateDocument = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    NomFichier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    TypeContenu = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Taille = table.Column<long>(type: "INTEGER", nullable: false),
                    Empreinte = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CleStockage = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeposeLe = table.Column<long>(type: "INTEGER", nullable: false),
                    DeposeParId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DeposeParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Retire = table.Column<bool>(type: "INTEGER", nullable: false),
                    MotifRetrait = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    RetireLe = table.Column<long>(type: "INTEGER", nullable: true),
                    RetireParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
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

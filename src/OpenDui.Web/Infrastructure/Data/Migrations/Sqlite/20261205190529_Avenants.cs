using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Avenants : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AvenantsContrat",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UsagerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContratId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SejourId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EssmsId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Numero = table.Column<int>(type: "INTEGER", nullable: false),
                    Objet = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Texte = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    EtabliLe = table.Column<long>(type: "INTEGER", nullable: false),
                    EtabliParNom = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SigneLe = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DocumentSigneId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<uint>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AvenantsContrat", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AvenantsContrat_Contrats_ContratId",
                        column: x => x.ContratId,
                        principalTable: "Contrats",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AvenantsContrat_Usagers_UsagerId",
                        column: x => x.UsagerId,
                        principalTable: "Usagers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AvenantsContrat_ContratId_Numero",
                table: "AvenantsContrat",
                columns: new[] { "ContratId", "Numero" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AvenantsContrat_UsagerId",
                table: "AvenantsContrat",
                column: "UsagerId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AvenantsContrat");
        }
    }
}

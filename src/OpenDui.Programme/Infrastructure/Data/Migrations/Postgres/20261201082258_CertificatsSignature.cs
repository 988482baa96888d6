using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenDui.Programme.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CertificatsSignature : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CertificatsSignature",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PorteurId = table.Column<Guid>(type: "uuid", nullable: false),
                    Empreinte = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Sujet = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Emetteur = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ValideDu = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ValideAu = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Pem = table.Column<string>(type: "character varying(65536)", maxLength: 65536, nullable: false),
                    AjouteLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AjoutePar = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RevoqueLe = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RevoquePar = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificatsSignature", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CertificatsSignature_Porteurs_PorteurId",
                        column: x => x.PorteurId,
                        principalTable: "Porteurs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CertificatsSignature_Empreinte",
                table: "CertificatsSignature",
                column: "Empreinte",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CertificatsSignature_PorteurId",
                table: "CertificatsSignature",
                column: "PorteurId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificatsSignature");
        }
    }
}

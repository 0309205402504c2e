// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "LiveLine",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "liveline", targets: ["liveline"]),
        .library(name: "GridModel", targets: ["GridModel"]),
        .library(name: "Reliability", targets: ["Reliability"]),
        .library(name: "GLPKSolver", targets: ["GLPKSolver"]),
        .library(name: "Planner", targets: ["Planner"]),
        .library(name: "Audit", targets: ["Audit"]),
        .library(name: "Importers", targets: ["Importers"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "GridModel"),
        .target(name: "Reliability", dependencies: ["GridModel"]),
        .systemLibrary(name: "CGLPK", path: "Sources/CGLPK"),
        .target(
            name: "CGLPKGuard", dependencies: ["CGLPK"], path: "Sources/CGLPKGuard",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        .target(name: "GLPKSolver", dependencies: ["CGLPK", "CGLPKGuard"]),
        .target(name: "CFileSwap", path: "Sources/CFileSwap"),
        .target(name: "Planner", dependencies: ["GridModel", "Reliability", "GLPKSolver"]),
        .target(name: "Audit", dependencies: ["GridModel", "Reliability"]),
        .target(name: "Importers", dependencies: ["GridModel"]),
        .target(name: "Reports", dependencies: ["GridModel", "Reliability", "Planner", "Audit"]),
        .executableTarget(
            name: "liveline",
            dependencies: [
                "GridModel",
                "Reliability",
                "GLPKSolver",
                "Planner",
                "Audit",
                "Importers",
                "Reports",
                "CFileSwap",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "LiveLineFuzz", dependencies: ["GridModel", "Reliability", "Planner", "Audit", "Importers", "Reports"]),
        .executableTarget(name: "LiveLineBench", dependencies: ["GridModel", "Reliability", "Planner", "Audit", "Importers", "Reports", "GLPKSolver"]),
        .testTarget(
            name: "GridModelTests",
            dependencies: ["GridModel"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["Reliability", "GridModel"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "GLPKSolverTests",
            dependencies: ["GLPKSolver"]
        ),
        .testTarget(
            name: "PlannerTests",
            dependencies: ["Planner", "GridModel", "Reliability", "GLPKSolver"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AuditTests",
            dependencies: ["Audit", "GridModel", "Reliability"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ImportersTests",
            dependencies: ["Importers", "GridModel", "Reliability"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "GridModel", "Reliability"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["liveline", "GridModel"]
        ),
    ]
)

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "LiveLine",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "liveline", targets: ["liveline"]),
        .library(name: "GridModel", targets: ["GridModel"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .target(name: "GridModel"),
        .executableTarget(
            name: "liveline",
            dependencies: [
                "GridModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "LiveLineBench", dependencies: ["GridModel"]),
        .testTarget(
            name: "GridModelTests",
            dependencies: ["GridModel"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["liveline", "GridModel"]
        ),
    ]
)

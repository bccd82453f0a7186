# mea_export: the due list and settlements as CSV and Excel (.xlsx), and the
# fetching of their data over gRPC; shared by mead's HTTP exports and
# `meactl export`.
# mea_http: the HTTP/JSON gateway beside gRPC (routes from the protos'
# google.api.http annotations), the iCalendar feeds and the web root.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CPP_HTTPLIB REQUIRED IMPORTED_TARGET GLOBAL cpp-httplib)
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET GLOBAL xlsxwriter)

add_library(mea_export STATIC
    ${CMAKE_CURRENT_LIST_DIR}/export_table.cc
    ${CMAKE_CURRENT_LIST_DIR}/export_tables.cc
    ${CMAKE_CURRENT_LIST_DIR}/export_csv.cc
    ${CMAKE_CURRENT_LIST_DIR}/export_xlsx.cc
    ${CMAKE_CURRENT_LIST_DIR}/export_render.cc
    ${CMAKE_CURRENT_LIST_DIR}/export_source.cc)
target_include_directories(mea_export PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_export PUBLIC
    mea_service_common mea_rules mea_proto gRPC::grpc++
    PkgConfig::XLSXWRITER absl::status absl::statusor absl::strings
    absl::time)

add_library(mea_http STATIC
    ${CMAKE_CURRENT_LIST_DIR}/calendar_feed.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_api.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_calendar.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_client_address.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_door.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_errors.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_exchange.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_exports.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_fields.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_gateway.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_grpc_call.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_routes.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_static.cc
    ${CMAKE_CURRENT_LIST_DIR}/http_transcode.cc)
target_include_directories(mea_http PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_http PUBLIC
    mea_export mea_auth mea_service_common mea_rules mea_proto gRPC::grpc++
    protobuf::libprotobuf PkgConfig::CPP_HTTPLIB Threads::Threads
    absl::status absl::statusor absl::strings absl::str_format absl::time)

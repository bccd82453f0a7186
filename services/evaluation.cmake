add_library(mea_evaluation STATIC
    ${CMAKE_CURRENT_LIST_DIR}/evaluation_mapping.cc
    ${CMAKE_CURRENT_LIST_DIR}/settlement_json.cc)
target_include_directories(mea_evaluation PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_evaluation PUBLIC
    mea_rules mea_service_common mea_proto protobuf::libprotobuf
    absl::status absl::statusor absl::strings)

# mea_tracking_service: the TrackingService (methods, decisions, follow-up
# plans, due items, dossier) and its demo data.
add_library(mea_tracking_service STATIC
    ${CMAKE_CURRENT_LIST_DIR}/tracking_service.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_decision_handlers.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_followup_handlers.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_due_handlers.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_history.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_fields.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_validate_method.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_validate_decision.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_validate_followup.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_mapping.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_access.cc
    ${CMAKE_CURRENT_LIST_DIR}/tracking_demo_client.cc
    ${CMAKE_CURRENT_LIST_DIR}/demo_tracking.cc)
target_include_directories(mea_tracking_service PUBLIC ${PROJECT_SOURCE_DIR})
target_link_libraries(mea_tracking_service PUBLIC
    mea_service_common mea_auth mea_agreement_service mea_storage mea_rules mea_proto gRPC::grpc++)

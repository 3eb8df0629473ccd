// DWARF constants (DWARF 5 and the GNU/LLVM extensions that compilers emit), by family, with a
// nameOf lookup. Values and spellings as in the DWARF 5 specification, section 7, and LLVM's Dwarf.def.
// GNU/LLVM aliases that share a value keep their own constant; nameOf returns the first spelling.

export type Family = 'TAG' | 'AT' | 'FORM' | 'OP' | 'LANG' | 'ATE' | 'VIRTUALITY' | 'CC' | 'LNS' | 'LNE' | 'LNCT' | 'CFA' | 'UT' | 'RLE' | 'LLE' | 'ACCESS' | 'VIS' | 'INL' | 'ID' | 'ORD' | 'DS' | 'EH_PE';

// DW_TAG
export const DW_TAG_null = 0x0;
export const DW_TAG_array_type = 0x1;
export const DW_TAG_class_type = 0x2;
export const DW_TAG_entry_point = 0x3;
export const DW_TAG_enumeration_type = 0x4;
export const DW_TAG_formal_parameter = 0x5;
export const DW_TAG_imported_declaration = 0x8;
export const DW_TAG_label = 0xa;
export const DW_TAG_lexical_block = 0xb;
export const DW_TAG_member = 0xd;
export const DW_TAG_pointer_type = 0xf;
export const DW_TAG_reference_type = 0x10;
export const DW_TAG_compile_unit = 0x11;
export const DW_TAG_string_type = 0x12;
export const DW_TAG_structure_type = 0x13;
export const DW_TAG_subroutine_type = 0x15;
export const DW_TAG_typedef = 0x16;
export const DW_TAG_union_type = 0x17;
export const DW_TAG_unspecified_parameters = 0x18;
export const DW_TAG_variant = 0x19;
export const DW_TAG_common_block = 0x1a;
export const DW_TAG_common_inclusion = 0x1b;
export const DW_TAG_inheritance = 0x1c;
export const DW_TAG_inlined_subroutine = 0x1d;
export const DW_TAG_module = 0x1e;
export const DW_TAG_ptr_to_member_type = 0x1f;
export const DW_TAG_set_type = 0x20;
export const DW_TAG_subrange_type = 0x21;
export const DW_TAG_with_stmt = 0x22;
export const DW_TAG_access_declaration = 0x23;
export const DW_TAG_base_type = 0x24;
export const DW_TAG_catch_block = 0x25;
export const DW_TAG_const_type = 0x26;
export const DW_TAG_constant = 0x27;
export const DW_TAG_enumerator = 0x28;
export const DW_TAG_file_type = 0x29;
export const DW_TAG_friend = 0x2a;
export const DW_TAG_namelist = 0x2b;
export const DW_TAG_namelist_item = 0x2c;
export const DW_TAG_packed_type = 0x2d;
export const DW_TAG_subprogram = 0x2e;
export const DW_TAG_template_type_parameter = 0x2f;
export const DW_TAG_template_value_parameter = 0x30;
export const DW_TAG_thrown_type = 0x31;
export const DW_TAG_try_block = 0x32;
export const DW_TAG_variant_part = 0x33;
export const DW_TAG_variable = 0x34;
export const DW_TAG_volatile_type = 0x35;
export const DW_TAG_dwarf_procedure = 0x36;
export const DW_TAG_restrict_type = 0x37;
export const DW_TAG_interface_type = 0x38;
export const DW_TAG_namespace = 0x39;
export const DW_TAG_imported_module = 0x3a;
export const DW_TAG_unspecified_type = 0x3b;
export const DW_TAG_partial_unit = 0x3c;
export const DW_TAG_imported_unit = 0x3d;
export const DW_TAG_condition = 0x3f;
export const DW_TAG_shared_type = 0x40;
export const DW_TAG_type_unit = 0x41;
export const DW_TAG_rvalue_reference_type = 0x42;
export const DW_TAG_template_alias = 0x43;
export const DW_TAG_coarray_type = 0x44;
export const DW_TAG_generic_subrange = 0x45;
export const DW_TAG_dynamic_type = 0x46;
export const DW_TAG_atomic_type = 0x47;
export const DW_TAG_call_site = 0x48;
export const DW_TAG_call_site_parameter = 0x49;
export const DW_TAG_skeleton_unit = 0x4a;
export const DW_TAG_immutable_type = 0x4b;
export const DW_TAG_MIPS_loop = 0x4081;
export const DW_TAG_format_label = 0x4101;
export const DW_TAG_function_template = 0x4102;
export const DW_TAG_class_template = 0x4103;
export const DW_TAG_GNU_BINCL = 0x4104;
export const DW_TAG_GNU_EINCL = 0x4105;
export const DW_TAG_GNU_template_template_param = 0x4106;
export const DW_TAG_GNU_template_parameter_pack = 0x4107;
export const DW_TAG_GNU_formal_parameter_pack = 0x4108;
export const DW_TAG_GNU_call_site = 0x4109;
export const DW_TAG_GNU_call_site_parameter = 0x410a;
export const DW_TAG_APPLE_property = 0x4200;
export const DW_TAG_SUN_function_template = 0x4201;
export const DW_TAG_SUN_class_template = 0x4202;
export const DW_TAG_SUN_struct_template = 0x4203;
export const DW_TAG_SUN_union_template = 0x4204;
export const DW_TAG_SUN_indirect_inheritance = 0x4205;
export const DW_TAG_SUN_codeflags = 0x4206;
export const DW_TAG_SUN_memop_info = 0x4207;
export const DW_TAG_SUN_omp_child_func = 0x4208;
export const DW_TAG_SUN_rtti_descriptor = 0x4209;
export const DW_TAG_SUN_dtor_info = 0x420a;
export const DW_TAG_SUN_dtor = 0x420b;
export const DW_TAG_SUN_f90_interface = 0x420c;
export const DW_TAG_SUN_fortran_vax_structure = 0x420d;
export const DW_TAG_SUN_hi = 0x42ff;
export const DW_TAG_ALTIUM_circ_type = 0x5101;
export const DW_TAG_ALTIUM_mwa_circ_type = 0x5102;
export const DW_TAG_ALTIUM_rev_carry_type = 0x5103;
export const DW_TAG_ALTIUM_rom = 0x5111;
export const DW_TAG_LLVM_annotation = 0x6000;
export const DW_TAG_GHS_namespace = 0x8004;
export const DW_TAG_GHS_using_namespace = 0x8005;
export const DW_TAG_GHS_using_declaration = 0x8006;
export const DW_TAG_GHS_template_templ_param = 0x8007;
export const DW_TAG_UPC_shared_type = 0x8765;
export const DW_TAG_UPC_strict_type = 0x8766;
export const DW_TAG_UPC_relaxed = 0x8767;
export const DW_TAG_PGI_kanji_type = 0xa000;
export const DW_TAG_PGI_interface_block = 0xa020;
export const DW_TAG_BORLAND_property = 0xb000;
export const DW_TAG_BORLAND_Delphi_string = 0xb001;
export const DW_TAG_BORLAND_Delphi_dynamic_array = 0xb002;
export const DW_TAG_BORLAND_Delphi_set = 0xb003;
export const DW_TAG_BORLAND_Delphi_variant = 0xb004;

// DW_AT
export const DW_AT_sibling = 0x1;
export const DW_AT_location = 0x2;
export const DW_AT_name = 0x3;
export const DW_AT_ordering = 0x9;
export const DW_AT_byte_size = 0xb;
export const DW_AT_bit_offset = 0xc;
export const DW_AT_bit_size = 0xd;
export const DW_AT_stmt_list = 0x10;
export const DW_AT_low_pc = 0x11;
export const DW_AT_high_pc = 0x12;
export const DW_AT_language = 0x13;
export const DW_AT_discr = 0x15;
export const DW_AT_discr_value = 0x16;
export const DW_AT_visibility = 0x17;
export const DW_AT_import = 0x18;
export const DW_AT_string_length = 0x19;
export const DW_AT_common_reference = 0x1a;
export const DW_AT_comp_dir = 0x1b;
export const DW_AT_const_value = 0x1c;
export const DW_AT_containing_type = 0x1d;
export const DW_AT_default_value = 0x1e;
export const DW_AT_inline = 0x20;
export const DW_AT_is_optional = 0x21;
export const DW_AT_lower_bound = 0x22;
export const DW_AT_producer = 0x25;
export const DW_AT_prototyped = 0x27;
export const DW_AT_return_addr = 0x2a;
export const DW_AT_start_scope = 0x2c;
export const DW_AT_bit_stride = 0x2e;
export const DW_AT_upper_bound = 0x2f;
export const DW_AT_abstract_origin = 0x31;
export const DW_AT_accessibility = 0x32;
export const DW_AT_address_class = 0x33;
export const DW_AT_artificial = 0x34;
export const DW_AT_base_types = 0x35;
export const DW_AT_calling_convention = 0x36;
export const DW_AT_count = 0x37;
export const DW_AT_data_member_location = 0x38;
export const DW_AT_decl_column = 0x39;
export const DW_AT_decl_file = 0x3a;
export const DW_AT_decl_line = 0x3b;
export const DW_AT_declaration = 0x3c;
export const DW_AT_discr_list = 0x3d;
export const DW_AT_encoding = 0x3e;
export const DW_AT_external = 0x3f;
export const DW_AT_frame_base = 0x40;
export const DW_AT_friend = 0x41;
export const DW_AT_identifier_case = 0x42;
export const DW_AT_macro_info = 0x43;
export const DW_AT_namelist_item = 0x44;
export const DW_AT_priority = 0x45;
export const DW_AT_segment = 0x46;
export const DW_AT_specification = 0x47;
export const DW_AT_static_link = 0x48;
export const DW_AT_type = 0x49;
export const DW_AT_use_location = 0x4a;
export const DW_AT_variable_parameter = 0x4b;
export const DW_AT_virtuality = 0x4c;
export const DW_AT_vtable_elem_location = 0x4d;
export const DW_AT_allocated = 0x4e;
export const DW_AT_associated = 0x4f;
export const DW_AT_data_location = 0x50;
export const DW_AT_byte_stride = 0x51;
export const DW_AT_entry_pc = 0x52;
export const DW_AT_use_UTF8 = 0x53;
export const DW_AT_extension = 0x54;
export const DW_AT_ranges = 0x55;
export const DW_AT_trampoline = 0x56;
export const DW_AT_call_column = 0x57;
export const DW_AT_call_file = 0x58;
export const DW_AT_call_line = 0x59;
export const DW_AT_description = 0x5a;
export const DW_AT_binary_scale = 0x5b;
export const DW_AT_decimal_scale = 0x5c;
export const DW_AT_small = 0x5d;
export const DW_AT_decimal_sign = 0x5e;
export const DW_AT_digit_count = 0x5f;
export const DW_AT_picture_string = 0x60;
export const DW_AT_mutable = 0x61;
export const DW_AT_threads_scaled = 0x62;
export const DW_AT_explicit = 0x63;
export const DW_AT_object_pointer = 0x64;
export const DW_AT_endianity = 0x65;
export const DW_AT_elemental = 0x66;
export const DW_AT_pure = 0x67;
export const DW_AT_recursive = 0x68;
export const DW_AT_signature = 0x69;
export const DW_AT_main_subprogram = 0x6a;
export const DW_AT_data_bit_offset = 0x6b;
export const DW_AT_const_expr = 0x6c;
export const DW_AT_enum_class = 0x6d;
export const DW_AT_linkage_name = 0x6e;
export const DW_AT_string_length_bit_size = 0x6f;
export const DW_AT_string_length_byte_size = 0x70;
export const DW_AT_rank = 0x71;
export const DW_AT_str_offsets_base = 0x72;
export const DW_AT_addr_base = 0x73;
export const DW_AT_rnglists_base = 0x74;
export const DW_AT_dwo_id = 0x75;
export const DW_AT_dwo_name = 0x76;
export const DW_AT_reference = 0x77;
export const DW_AT_rvalue_reference = 0x78;
export const DW_AT_macros = 0x79;
export const DW_AT_call_all_calls = 0x7a;
export const DW_AT_call_all_source_calls = 0x7b;
export const DW_AT_call_all_tail_calls = 0x7c;
export const DW_AT_call_return_pc = 0x7d;
export const DW_AT_call_value = 0x7e;
export const DW_AT_call_origin = 0x7f;
export const DW_AT_call_parameter = 0x80;
export const DW_AT_call_pc = 0x81;
export const DW_AT_call_tail_call = 0x82;
export const DW_AT_call_target = 0x83;
export const DW_AT_call_target_clobbered = 0x84;
export const DW_AT_call_data_location = 0x85;
export const DW_AT_call_data_value = 0x86;
export const DW_AT_noreturn = 0x87;
export const DW_AT_alignment = 0x88;
export const DW_AT_export_symbols = 0x89;
export const DW_AT_deleted = 0x8a;
export const DW_AT_defaulted = 0x8b;
export const DW_AT_loclists_base = 0x8c;
export const DW_AT_GHS_namespace_alias = 0x806;
export const DW_AT_GHS_using_namespace = 0x807;
export const DW_AT_GHS_using_declaration = 0x808;
export const DW_AT_MIPS_fde = 0x2001;
export const DW_AT_MIPS_loop_begin = 0x2002;
export const DW_AT_MIPS_tail_loop_begin = 0x2003;
export const DW_AT_MIPS_epilog_begin = 0x2004;
export const DW_AT_MIPS_loop_unroll_factor = 0x2005;
export const DW_AT_MIPS_software_pipeline_depth = 0x2006;
export const DW_AT_MIPS_linkage_name = 0x2007;
export const DW_AT_MIPS_stride = 0x2008;
export const DW_AT_MIPS_abstract_name = 0x2009;
export const DW_AT_MIPS_clone_origin = 0x200a;
export const DW_AT_MIPS_has_inlines = 0x200b;
export const DW_AT_MIPS_stride_byte = 0x200c;
export const DW_AT_MIPS_stride_elem = 0x200d;
export const DW_AT_MIPS_ptr_dopetype = 0x200e;
export const DW_AT_MIPS_allocatable_dopetype = 0x200f;
export const DW_AT_MIPS_assumed_shape_dopetype = 0x2010;
export const DW_AT_MIPS_assumed_size = 0x2011;
export const DW_AT_HP_raw_data_ptr = 0x2012;
export const DW_AT_HP_pass_by_reference = 0x2013;
export const DW_AT_HP_opt_level = 0x2014;
export const DW_AT_HP_prof_version_id = 0x2015;
export const DW_AT_HP_opt_flags = 0x2016;
export const DW_AT_HP_cold_region_low_pc = 0x2017;
export const DW_AT_HP_cold_region_high_pc = 0x2018;
export const DW_AT_HP_all_variables_modifiable = 0x2019;
export const DW_AT_HP_linkage_name = 0x201a;
export const DW_AT_HP_prof_flags = 0x201b;
export const DW_AT_HP_unit_name = 0x201f;
export const DW_AT_HP_unit_size = 0x2020;
export const DW_AT_HP_widened_byte_size = 0x2021;
export const DW_AT_HP_definition_points = 0x2022;
export const DW_AT_HP_default_location = 0x2023;
export const DW_AT_HP_is_result_param = 0x2029;
export const DW_AT_DW_AT_INTEL_other_endian = 0x2026;
export const DW_AT_GHS_rsm = 0x2083;
export const DW_AT_GHS_frsm = 0x2085;
export const DW_AT_GHS_frames = 0x2086;
export const DW_AT_GHS_rso = 0x2087;
export const DW_AT_GHS_subcpu = 0x2092;
export const DW_AT_GHS_lbrace_line = 0x2093;
export const DW_AT_sf_names = 0x2101;
export const DW_AT_src_info = 0x2102;
export const DW_AT_mac_info = 0x2103;
export const DW_AT_src_coords = 0x2104;
export const DW_AT_body_begin = 0x2105;
export const DW_AT_body_end = 0x2106;
export const DW_AT_GNU_vector = 0x2107;
export const DW_AT_GNU_odr_signature = 0x210f;
export const DW_AT_GNU_template_name = 0x2110;
export const DW_AT_GNU_call_site_value = 0x2111;
export const DW_AT_GNU_call_site_data_value = 0x2112;
export const DW_AT_GNU_call_site_target = 0x2113;
export const DW_AT_GNU_call_site_target_clobbered = 0x2114;
export const DW_AT_GNU_tail_call = 0x2115;
export const DW_AT_GNU_all_tail_call_sites = 0x2116;
export const DW_AT_GNU_all_call_sites = 0x2117;
export const DW_AT_GNU_all_source_call_sites = 0x2118;
export const DW_AT_GNU_macros = 0x2119;
export const DW_AT_GNU_deleted = 0x211a;
export const DW_AT_GNU_dwo_name = 0x2130;
export const DW_AT_GNU_dwo_id = 0x2131;
export const DW_AT_GNU_ranges_base = 0x2132;
export const DW_AT_GNU_addr_base = 0x2133;
export const DW_AT_GNU_pubnames = 0x2134;
export const DW_AT_GNU_pubtypes = 0x2135;
export const DW_AT_GNU_discriminator = 0x2136;
export const DW_AT_GNU_locviews = 0x2137;
export const DW_AT_GNU_entry_view = 0x2138;
export const DW_AT_SUN_template = 0x2201;
export const DW_AT_SUN_alignment = 0x2202;
export const DW_AT_SUN_vtable = 0x2203;
export const DW_AT_SUN_count_guarantee = 0x2204;
export const DW_AT_SUN_command_line = 0x2205;
export const DW_AT_SUN_vbase = 0x2206;
export const DW_AT_SUN_compile_options = 0x2207;
export const DW_AT_SUN_language = 0x2208;
export const DW_AT_SUN_browser_file = 0x2209;
export const DW_AT_SUN_vtable_abi = 0x2210;
export const DW_AT_SUN_func_offsets = 0x2211;
export const DW_AT_SUN_cf_kind = 0x2212;
export const DW_AT_SUN_vtable_index = 0x2213;
export const DW_AT_SUN_omp_tpriv_addr = 0x2214;
export const DW_AT_SUN_omp_child_func = 0x2215;
export const DW_AT_SUN_func_offset = 0x2216;
export const DW_AT_SUN_memop_type_ref = 0x2217;
export const DW_AT_SUN_profile_id = 0x2218;
export const DW_AT_SUN_memop_signature = 0x2219;
export const DW_AT_SUN_obj_dir = 0x2220;
export const DW_AT_SUN_obj_file = 0x2221;
export const DW_AT_SUN_original_name = 0x2222;
export const DW_AT_SUN_hwcprof_signature = 0x2223;
export const DW_AT_SUN_amd64_parmdump = 0x2224;
export const DW_AT_SUN_part_link_name = 0x2225;
export const DW_AT_SUN_link_name = 0x2226;
export const DW_AT_SUN_pass_with_const = 0x2227;
export const DW_AT_SUN_return_with_const = 0x2228;
export const DW_AT_SUN_import_by_name = 0x2229;
export const DW_AT_SUN_90_pointer = 0x222a;
export const DW_AT_SUN_pass_by_ref = 0x222b;
export const DW_AT_SUN_f90_allocatable = 0x222c;
export const DW_AT_SUN_f90_assumed_shape_array = 0x222d;
export const DW_AT_SUN_c_vla = 0x222e;
export const DW_AT_SUN_return_value_ptr = 0x2230;
export const DW_AT_SUN_dtor_start = 0x2231;
export const DW_AT_SUN_dtor_length = 0x2232;
export const DW_AT_SUN_dtor_state_initial = 0x2233;
export const DW_AT_SUN_dtor_state_final = 0x2234;
export const DW_AT_SUN_dtor_state_deltas = 0x2235;
export const DW_AT_SUN_import_by_lname = 0x2236;
export const DW_AT_SUN_f90_use_only = 0x2237;
export const DW_AT_SUN_namelist_spec = 0x2238;
export const DW_AT_SUN_is_omp_child_func = 0x2239;
export const DW_AT_SUN_fortran_main_alias = 0x223a;
export const DW_AT_SUN_fortran_based = 0x223b;
export const DW_AT_ALTIUM_loclist = 0x2300;
export const DW_AT_use_GNAT_descriptive_type = 0x2301;
export const DW_AT_GNAT_descriptive_type = 0x2302;
export const DW_AT_GNU_numerator = 0x2303;
export const DW_AT_GNU_denominator = 0x2304;
export const DW_AT_GNU_bias = 0x2305;
export const DW_AT_GO_kind = 0x2900;
export const DW_AT_GO_key = 0x2901;
export const DW_AT_GO_elem = 0x2902;
export const DW_AT_GO_embedded_field = 0x2903;
export const DW_AT_GO_runtime_type = 0x2904;
export const DW_AT_UPC_threads_scaled = 0x3210;
export const DW_AT_IBM_wsa_addr = 0x393e;
export const DW_AT_IBM_home_location = 0x393f;
export const DW_AT_IBM_alt_srcview = 0x3940;
export const DW_AT_PGI_lbase = 0x3a00;
export const DW_AT_PGI_soffset = 0x3a01;
export const DW_AT_PGI_lstride = 0x3a02;
export const DW_AT_BORLAND_property_read = 0x3b11;
export const DW_AT_BORLAND_property_write = 0x3b12;
export const DW_AT_BORLAND_property_implements = 0x3b13;
export const DW_AT_BORLAND_property_index = 0x3b14;
export const DW_AT_BORLAND_property_default = 0x3b15;
export const DW_AT_BORLAND_Delphi_unit = 0x3b20;
export const DW_AT_BORLAND_Delphi_class = 0x3b21;
export const DW_AT_BORLAND_Delphi_record = 0x3b22;
export const DW_AT_BORLAND_Delphi_metaclass = 0x3b23;
export const DW_AT_BORLAND_Delphi_constructor = 0x3b24;
export const DW_AT_BORLAND_Delphi_destructor = 0x3b25;
export const DW_AT_BORLAND_Delphi_anonymous_method = 0x3b26;
export const DW_AT_BORLAND_Delphi_interface = 0x3b27;
export const DW_AT_BORLAND_Delphi_ABI = 0x3b28;
export const DW_AT_BORLAND_Delphi_return = 0x3b29;
export const DW_AT_BORLAND_Delphi_frameptr = 0x3b30;
export const DW_AT_BORLAND_closure = 0x3b31;
export const DW_AT_LLVM_include_path = 0x3e00;
export const DW_AT_LLVM_config_macros = 0x3e01;
export const DW_AT_LLVM_sysroot = 0x3e02;
export const DW_AT_LLVM_tag_offset = 0x3e03;
export const DW_AT_LLVM_apinotes = 0x3e07;
export const DW_AT_APPLE_optimized = 0x3fe1;
export const DW_AT_APPLE_flags = 0x3fe2;
export const DW_AT_APPLE_isa = 0x3fe3;
export const DW_AT_APPLE_block = 0x3fe4;
export const DW_AT_APPLE_major_runtime_vers = 0x3fe5;
export const DW_AT_APPLE_runtime_class = 0x3fe6;
export const DW_AT_APPLE_omit_frame_ptr = 0x3fe7;
export const DW_AT_APPLE_property_name = 0x3fe8;
export const DW_AT_APPLE_property_getter = 0x3fe9;
export const DW_AT_APPLE_property_setter = 0x3fea;
export const DW_AT_APPLE_property_attribute = 0x3feb;
export const DW_AT_APPLE_objc_complete_type = 0x3fec;
export const DW_AT_APPLE_property = 0x3fed;
export const DW_AT_APPLE_objc_direct = 0x3fee;
export const DW_AT_APPLE_sdk = 0x3fef;

// DW_FORM
export const DW_FORM_addr = 0x1;
export const DW_FORM_block2 = 0x3;
export const DW_FORM_block4 = 0x4;
export const DW_FORM_data2 = 0x5;
export const DW_FORM_data4 = 0x6;
export const DW_FORM_data8 = 0x7;
export const DW_FORM_string = 0x8;
export const DW_FORM_block = 0x9;
export const DW_FORM_block1 = 0xa;
export const DW_FORM_data1 = 0xb;
export const DW_FORM_flag = 0xc;
export const DW_FORM_sdata = 0xd;
export const DW_FORM_strp = 0xe;
export const DW_FORM_udata = 0xf;
export const DW_FORM_ref_addr = 0x10;
export const DW_FORM_ref1 = 0x11;
export const DW_FORM_ref2 = 0x12;
export const DW_FORM_ref4 = 0x13;
export const DW_FORM_ref8 = 0x14;
export const DW_FORM_ref_udata = 0x15;
export const DW_FORM_indirect = 0x16;
export const DW_FORM_sec_offset = 0x17;
export const DW_FORM_exprloc = 0x18;
export const DW_FORM_flag_present = 0x19;
export const DW_FORM_ref_sig8 = 0x20;
export const DW_FORM_strx = 0x1a;
export const DW_FORM_addrx = 0x1b;
export const DW_FORM_ref_sup4 = 0x1c;
export const DW_FORM_strp_sup = 0x1d;
export const DW_FORM_data16 = 0x1e;
export const DW_FORM_line_strp = 0x1f;
export const DW_FORM_implicit_const = 0x21;
export const DW_FORM_loclistx = 0x22;
export const DW_FORM_rnglistx = 0x23;
export const DW_FORM_ref_sup8 = 0x24;
export const DW_FORM_strx1 = 0x25;
export const DW_FORM_strx2 = 0x26;
export const DW_FORM_strx3 = 0x27;
export const DW_FORM_strx4 = 0x28;
export const DW_FORM_addrx1 = 0x29;
export const DW_FORM_addrx2 = 0x2a;
export const DW_FORM_addrx3 = 0x2b;
export const DW_FORM_addrx4 = 0x2c;
export const DW_FORM_GNU_addr_index = 0x1f01;
export const DW_FORM_GNU_str_index = 0x1f02;
export const DW_FORM_GNU_ref_alt = 0x1f20;
export const DW_FORM_GNU_strp_alt = 0x1f21;
export const DW_FORM_LLVM_addrx_offset = 0x2001;

// DW_OP
export const DW_OP_GNU_uninit = 0xf0;
export const DW_OP_GNU_encoded_addr = 0xf1;
export const DW_OP_GNU_implicit_pointer = 0xf2;
export const DW_OP_GNU_const_type = 0xf4;
export const DW_OP_GNU_regval_type = 0xf5;
export const DW_OP_GNU_deref_type = 0xf6;
export const DW_OP_GNU_convert = 0xf7;
export const DW_OP_GNU_reinterpret = 0xf9;
export const DW_OP_GNU_parameter_ref = 0xfa;
export const DW_OP_GNU_variable_value = 0xfd;
export const DW_OP_addr = 0x3;
export const DW_OP_deref = 0x6;
export const DW_OP_const1u = 0x8;
export const DW_OP_const1s = 0x9;
export const DW_OP_const2u = 0xa;
export const DW_OP_const2s = 0xb;
export const DW_OP_const4u = 0xc;
export const DW_OP_const4s = 0xd;
export const DW_OP_const8u = 0xe;
export const DW_OP_const8s = 0xf;
export const DW_OP_constu = 0x10;
export const DW_OP_consts = 0x11;
export const DW_OP_dup = 0x12;
export const DW_OP_drop = 0x13;
export const DW_OP_over = 0x14;
export const DW_OP_pick = 0x15;
export const DW_OP_swap = 0x16;
export const DW_OP_rot = 0x17;
export const DW_OP_xderef = 0x18;
export const DW_OP_abs = 0x19;
export const DW_OP_and = 0x1a;
export const DW_OP_div = 0x1b;
export const DW_OP_minus = 0x1c;
export const DW_OP_mod = 0x1d;
export const DW_OP_mul = 0x1e;
export const DW_OP_neg = 0x1f;
export const DW_OP_not = 0x20;
export const DW_OP_or = 0x21;
export const DW_OP_plus = 0x22;
export const DW_OP_plus_uconst = 0x23;
export const DW_OP_shl = 0x24;
export const DW_OP_shr = 0x25;
export const DW_OP_shra = 0x26;
export const DW_OP_xor = 0x27;
export const DW_OP_bra = 0x28;
export const DW_OP_eq = 0x29;
export const DW_OP_ge = 0x2a;
export const DW_OP_gt = 0x2b;
export const DW_OP_le = 0x2c;
export const DW_OP_lt = 0x2d;
export const DW_OP_ne = 0x2e;
export const DW_OP_skip = 0x2f;
export const DW_OP_lit0 = 0x30;
export const DW_OP_lit1 = 0x31;
export const DW_OP_lit2 = 0x32;
export const DW_OP_lit3 = 0x33;
export const DW_OP_lit4 = 0x34;
export const DW_OP_lit5 = 0x35;
export const DW_OP_lit6 = 0x36;
export const DW_OP_lit7 = 0x37;
export const DW_OP_lit8 = 0x38;
export const DW_OP_lit9 = 0x39;
export const DW_OP_lit10 = 0x3a;
export const DW_OP_lit11 = 0x3b;
export const DW_OP_lit12 = 0x3c;
export const DW_OP_lit13 = 0x3d;
export const DW_OP_lit14 = 0x3e;
export const DW_OP_lit15 = 0x3f;
export const DW_OP_lit16 = 0x40;
export const DW_OP_lit17 = 0x41;
export const DW_OP_lit18 = 0x42;
export const DW_OP_lit19 = 0x43;
export const DW_OP_lit20 = 0x44;
export const DW_OP_lit21 = 0x45;
export const DW_OP_lit22 = 0x46;
export const DW_OP_lit23 = 0x47;
export const DW_OP_lit24 = 0x48;
export const DW_OP_lit25 = 0x49;
export const DW_OP_lit26 = 0x4a;
export const DW_OP_lit27 = 0x4b;
export const DW_OP_lit28 = 0x4c;
export const DW_OP_lit29 = 0x4d;
export const DW_OP_lit30 = 0x4e;
export const DW_OP_lit31 = 0x4f;
export const DW_OP_reg0 = 0x50;
export const DW_OP_reg1 = 0x51;
export const DW_OP_reg2 = 0x52;
export const DW_OP_reg3 = 0x53;
export const DW_OP_reg4 = 0x54;
export const DW_OP_reg5 = 0x55;
export const DW_OP_reg6 = 0x56;
export const DW_OP_reg7 = 0x57;
export const DW_OP_reg8 = 0x58;
export const DW_OP_reg9 = 0x59;
export const DW_OP_reg10 = 0x5a;
export const DW_OP_reg11 = 0x5b;
export const DW_OP_reg12 = 0x5c;
export const DW_OP_reg13 = 0x5d;
export const DW_OP_reg14 = 0x5e;
export const DW_OP_reg15 = 0x5f;
export const DW_OP_reg16 = 0x60;
export const DW_OP_reg17 = 0x61;
export const DW_OP_reg18 = 0x62;
export const DW_OP_reg19 = 0x63;
export const DW_OP_reg20 = 0x64;
export const DW_OP_reg21 = 0x65;
export const DW_OP_reg22 = 0x66;
export const DW_OP_reg23 = 0x67;
export const DW_OP_reg24 = 0x68;
export const DW_OP_reg25 = 0x69;
export const DW_OP_reg26 = 0x6a;
export const DW_OP_reg27 = 0x6b;
export const DW_OP_reg28 = 0x6c;
export const DW_OP_reg29 = 0x6d;
export const DW_OP_reg30 = 0x6e;
export const DW_OP_reg31 = 0x6f;
export const DW_OP_breg0 = 0x70;
export const DW_OP_breg1 = 0x71;
export const DW_OP_breg2 = 0x72;
export const DW_OP_breg3 = 0x73;
export const DW_OP_breg4 = 0x74;
export const DW_OP_breg5 = 0x75;
export const DW_OP_breg6 = 0x76;
export const DW_OP_breg7 = 0x77;
export const DW_OP_breg8 = 0x78;
export const DW_OP_breg9 = 0x79;
export const DW_OP_breg10 = 0x7a;
export const DW_OP_breg11 = 0x7b;
export const DW_OP_breg12 = 0x7c;
export const DW_OP_breg13 = 0x7d;
export const DW_OP_breg14 = 0x7e;
export const DW_OP_breg15 = 0x7f;
export const DW_OP_breg16 = 0x80;
export const DW_OP_breg17 = 0x81;
export const DW_OP_breg18 = 0x82;
export const DW_OP_breg19 = 0x83;
export const DW_OP_breg20 = 0x84;
export const DW_OP_breg21 = 0x85;
export const DW_OP_breg22 = 0x86;
export const DW_OP_breg23 = 0x87;
export const DW_OP_breg24 = 0x88;
export const DW_OP_breg25 = 0x89;
export const DW_OP_breg26 = 0x8a;
export const DW_OP_breg27 = 0x8b;
export const DW_OP_breg28 = 0x8c;
export const DW_OP_breg29 = 0x8d;
export const DW_OP_breg30 = 0x8e;
export const DW_OP_breg31 = 0x8f;
export const DW_OP_regx = 0x90;
export const DW_OP_fbreg = 0x91;
export const DW_OP_bregx = 0x92;
export const DW_OP_piece = 0x93;
export const DW_OP_deref_size = 0x94;
export const DW_OP_xderef_size = 0x95;
export const DW_OP_nop = 0x96;
export const DW_OP_push_object_address = 0x97;
export const DW_OP_call2 = 0x98;
export const DW_OP_call4 = 0x99;
export const DW_OP_call_ref = 0x9a;
export const DW_OP_form_tls_address = 0x9b;
export const DW_OP_call_frame_cfa = 0x9c;
export const DW_OP_bit_piece = 0x9d;
export const DW_OP_implicit_value = 0x9e;
export const DW_OP_stack_value = 0x9f;
export const DW_OP_implicit_pointer = 0xa0;
export const DW_OP_addrx = 0xa1;
export const DW_OP_constx = 0xa2;
export const DW_OP_entry_value = 0xa3;
export const DW_OP_const_type = 0xa4;
export const DW_OP_regval_type = 0xa5;
export const DW_OP_deref_type = 0xa6;
export const DW_OP_xderef_type = 0xa7;
export const DW_OP_convert = 0xa8;
export const DW_OP_reinterpret = 0xa9;
export const DW_OP_GNU_push_tls_address = 0xe0;
export const DW_OP_HP_is_value = 0xe1;
export const DW_OP_HP_fltconst4 = 0xe2;
export const DW_OP_HP_fltconst8 = 0xe3;
export const DW_OP_HP_mod_range = 0xe4;
export const DW_OP_HP_unmod_range = 0xe5;
export const DW_OP_HP_tls = 0xe6;
export const DW_OP_INTEL_bit_piece = 0xe8;
export const DW_OP_WASM_location = 0xed;
export const DW_OP_WASM_location_int = 0xee;
export const DW_OP_APPLE_uninit = 0xf0;
export const DW_OP_GNU_entry_value = 0xf3;
export const DW_OP_PGI_omp_thread_num = 0xf8;
export const DW_OP_GNU_addr_index = 0xfb;
export const DW_OP_GNU_const_index = 0xfc;

// DW_LANG
export const DW_LANG_C89 = 0x1;
export const DW_LANG_C = 0x2;
export const DW_LANG_Ada83 = 0x3;
export const DW_LANG_C_plus_plus = 0x4;
export const DW_LANG_Cobol74 = 0x5;
export const DW_LANG_Cobol85 = 0x6;
export const DW_LANG_Fortran77 = 0x7;
export const DW_LANG_Fortran90 = 0x8;
export const DW_LANG_Pascal83 = 0x9;
export const DW_LANG_Modula2 = 0xa;
export const DW_LANG_Java = 0xb;
export const DW_LANG_C99 = 0xc;
export const DW_LANG_Ada95 = 0xd;
export const DW_LANG_Fortran95 = 0xe;
export const DW_LANG_PLI = 0xf;
export const DW_LANG_ObjC = 0x10;
export const DW_LANG_ObjC_plus_plus = 0x11;
export const DW_LANG_UPC = 0x12;
export const DW_LANG_D = 0x13;
export const DW_LANG_Python = 0x14;
export const DW_LANG_OpenCL = 0x15;
export const DW_LANG_Go = 0x16;
export const DW_LANG_Modula3 = 0x17;
export const DW_LANG_Haskell = 0x18;
export const DW_LANG_C_plus_plus_03 = 0x19;
export const DW_LANG_C_plus_plus_11 = 0x1a;
export const DW_LANG_OCaml = 0x1b;
export const DW_LANG_Rust = 0x1c;
export const DW_LANG_C11 = 0x1d;
export const DW_LANG_Swift = 0x1e;
export const DW_LANG_Julia = 0x1f;
export const DW_LANG_Dylan = 0x20;
export const DW_LANG_C_plus_plus_14 = 0x21;
export const DW_LANG_Fortran03 = 0x22;
export const DW_LANG_Fortran08 = 0x23;
export const DW_LANG_RenderScript = 0x24;
export const DW_LANG_BLISS = 0x25;
export const DW_LANG_Mips_Assembler = 0x8001;
export const DW_LANG_GOOGLE_RenderScript = 0x8e57;
export const DW_LANG_BORLAND_Delphi = 0xb000;

// DW_ATE
export const DW_ATE_address = 0x1;
export const DW_ATE_boolean = 0x2;
export const DW_ATE_complex_float = 0x3;
export const DW_ATE_float = 0x4;
export const DW_ATE_signed = 0x5;
export const DW_ATE_signed_char = 0x6;
export const DW_ATE_unsigned = 0x7;
export const DW_ATE_unsigned_char = 0x8;
export const DW_ATE_imaginary_float = 0x9;
export const DW_ATE_packed_decimal = 0xa;
export const DW_ATE_numeric_string = 0xb;
export const DW_ATE_edited = 0xc;
export const DW_ATE_signed_fixed = 0xd;
export const DW_ATE_unsigned_fixed = 0xe;
export const DW_ATE_decimal_float = 0xf;
export const DW_ATE_UTF = 0x10;
export const DW_ATE_UCS = 0x11;
export const DW_ATE_ASCII = 0x12;
export const DW_ATE_HP_complex_float = 0x81;
export const DW_ATE_HP_float128 = 0x82;
export const DW_ATE_HP_complex_float128 = 0x83;
export const DW_ATE_HP_floathpintel = 0x84;
export const DW_ATE_HP_imaginary_float90 = 0x85;
export const DW_ATE_HP_imaginary_float128 = 0x86;

// DW_VIRTUALITY
export const DW_VIRTUALITY_none = 0x0;
export const DW_VIRTUALITY_virtual = 0x1;
export const DW_VIRTUALITY_pure_virtual = 0x2;

// DW_CC
export const DW_CC_normal = 0x1;
export const DW_CC_program = 0x2;
export const DW_CC_nocall = 0x3;
export const DW_CC_pass_by_reference = 0x4;
export const DW_CC_pass_by_value = 0x5;
export const DW_CC_GNU_renesas_sh = 0x40;
export const DW_CC_GNU_borland_fastcall_i386 = 0x41;
export const DW_CC_BORLAND_safecall = 0xb0;
export const DW_CC_BORLAND_stdcall = 0xb1;
export const DW_CC_BORLAND_pascal = 0xb2;
export const DW_CC_BORLAND_msfastcall = 0xb3;
export const DW_CC_BORLAND_msreturn = 0xb4;
export const DW_CC_BORLAND_thiscall = 0xb5;
export const DW_CC_BORLAND_fastcall = 0xb6;
export const DW_CC_LLVM_vectorcall = 0xc0;
export const DW_CC_LLVM_Win64 = 0xc1;
export const DW_CC_LLVM_X86_64SysV = 0xc2;
export const DW_CC_LLVM_AAPCS = 0xc3;
export const DW_CC_LLVM_AAPCS_VFP = 0xc4;
export const DW_CC_LLVM_IntelOclBicc = 0xc5;
export const DW_CC_LLVM_SpirFunction = 0xc6;
export const DW_CC_LLVM_OpenCLKernel = 0xc7;
export const DW_CC_LLVM_Swift = 0xc8;
export const DW_CC_LLVM_PreserveMost = 0xc9;
export const DW_CC_LLVM_PreserveAll = 0xca;
export const DW_CC_LLVM_X86RegCall = 0xcb;
export const DW_CC_GDB_IBM_OpenCL = 0xff;

// DW_LNS
export const DW_LNS_extended_op = 0x0;
export const DW_LNS_copy = 0x1;
export const DW_LNS_advance_pc = 0x2;
export const DW_LNS_advance_line = 0x3;
export const DW_LNS_set_file = 0x4;
export const DW_LNS_set_column = 0x5;
export const DW_LNS_negate_stmt = 0x6;
export const DW_LNS_set_basic_block = 0x7;
export const DW_LNS_const_add_pc = 0x8;
export const DW_LNS_fixed_advance_pc = 0x9;
export const DW_LNS_set_prologue_end = 0xa;
export const DW_LNS_set_epilogue_begin = 0xb;
export const DW_LNS_set_isa = 0xc;

// DW_LNE
export const DW_LNE_end_sequence = 0x1;
export const DW_LNE_set_address = 0x2;
export const DW_LNE_define_file = 0x3;
export const DW_LNE_set_discriminator = 0x4;

// DW_LNCT
export const DW_LNCT_path = 0x1;
export const DW_LNCT_directory_index = 0x2;
export const DW_LNCT_timestamp = 0x3;
export const DW_LNCT_size = 0x4;
export const DW_LNCT_MD5 = 0x5;
export const DW_LNCT_LLVM_source = 0x2001;

// DW_CFA
export const DW_CFA_nop = 0x0;
export const DW_CFA_advance_loc = 0x40;
export const DW_CFA_offset = 0x80;
export const DW_CFA_restore = 0xc0;
export const DW_CFA_set_loc = 0x1;
export const DW_CFA_advance_loc1 = 0x2;
export const DW_CFA_advance_loc2 = 0x3;
export const DW_CFA_advance_loc4 = 0x4;
export const DW_CFA_offset_extended = 0x5;
export const DW_CFA_restore_extended = 0x6;
export const DW_CFA_undefined = 0x7;
export const DW_CFA_same_value = 0x8;
export const DW_CFA_register = 0x9;
export const DW_CFA_remember_state = 0xa;
export const DW_CFA_restore_state = 0xb;
export const DW_CFA_def_cfa = 0xc;
export const DW_CFA_def_cfa_register = 0xd;
export const DW_CFA_def_cfa_offset = 0xe;
export const DW_CFA_def_cfa_expression = 0xf;
export const DW_CFA_expression = 0x10;
export const DW_CFA_offset_extended_sf = 0x11;
export const DW_CFA_def_cfa_sf = 0x12;
export const DW_CFA_def_cfa_offset_sf = 0x13;
export const DW_CFA_val_offset = 0x14;
export const DW_CFA_val_offset_sf = 0x15;
export const DW_CFA_val_expression = 0x16;
export const DW_CFA_MIPS_advance_loc8 = 0x1d;
export const DW_CFA_GNU_window_save = 0x2d;
export const DW_CFA_AARCH64_negate_ra_state = 0x2d;
export const DW_CFA_GNU_args_size = 0x2e;
export const DW_CFA_LLVM_def_aspace_cfa = 0x30;
export const DW_CFA_LLVM_def_aspace_cfa_sf = 0x31;
export const DW_CFA_GNU_negative_offset_extended = 0x2f;

// DW_UT
export const DW_UT_compile = 0x1;
export const DW_UT_type = 0x2;
export const DW_UT_partial = 0x3;
export const DW_UT_skeleton = 0x4;
export const DW_UT_split_compile = 0x5;
export const DW_UT_split_type = 0x6;

// DW_RLE
export const DW_RLE_end_of_list = 0x0;
export const DW_RLE_base_addressx = 0x1;
export const DW_RLE_startx_endx = 0x2;
export const DW_RLE_startx_length = 0x3;
export const DW_RLE_offset_pair = 0x4;
export const DW_RLE_base_address = 0x5;
export const DW_RLE_start_end = 0x6;
export const DW_RLE_start_length = 0x7;

// DW_LLE
export const DW_LLE_end_of_list = 0x0;
export const DW_LLE_base_addressx = 0x1;
export const DW_LLE_startx_endx = 0x2;
export const DW_LLE_startx_length = 0x3;
export const DW_LLE_offset_pair = 0x4;
export const DW_LLE_default_location = 0x5;
export const DW_LLE_base_address = 0x6;
export const DW_LLE_start_end = 0x7;
export const DW_LLE_start_length = 0x8;
export const DW_LLE_GNU_view_pair = 0x9;

// DW_ACCESS
export const DW_ACCESS_public = 0x1;
export const DW_ACCESS_protected = 0x2;
export const DW_ACCESS_private = 0x3;

// DW_VIS
export const DW_VIS_local = 0x1;
export const DW_VIS_exported = 0x2;
export const DW_VIS_qualified = 0x3;

// DW_INL
export const DW_INL_not_inlined = 0x0;
export const DW_INL_inlined = 0x1;
export const DW_INL_declared_not_inlined = 0x2;
export const DW_INL_declared_inlined = 0x3;

// DW_ID
export const DW_ID_case_sensitive = 0x0;
export const DW_ID_up_case = 0x1;
export const DW_ID_down_case = 0x2;
export const DW_ID_case_insensitive = 0x3;

// DW_ORD
export const DW_ORD_row_major = 0x0;
export const DW_ORD_col_major = 0x1;

// DW_DS
export const DW_DS_unsigned = 0x1;
export const DW_DS_leading_overpunch = 0x2;
export const DW_DS_trailing_overpunch = 0x3;
export const DW_DS_leading_separate = 0x4;
export const DW_DS_trailing_separate = 0x5;

// Encoding masks of DW_EH_PE_* (LSB, "DWARF Exception Header Encoding"): the value's format in
// the low nibble, how it is applied in bits 4-6.
export const DW_EH_PE_FORMAT_MASK = 0x0f;
export const DW_EH_PE_APPLICATION_MASK = 0x70;

// Initial length (DWARF 5, 7.2.2 and 7.4): 0xffffffff announces 64-bit DWARF, and
// 0xfffffff0-0xfffffffe are reserved. Names as in LLVM's Dwarf.h.
export const DW_LENGTH_lo_reserved = 0xfffffff0;
export const DW_LENGTH_DWARF64 = 0xffffffff;

// The CIE_id of a CIE in .debug_frame (DWARF 5, 6.4.1), 32- and 64-bit; in .eh_frame it is 0.
export const DW_CIE_ID = 0xffffffff;
export const DW64_CIE_ID = 0xffffffffffffffffn;

// The primary opcode of a DW_CFA_advance_loc/offset/restore lives in the top two bits, its operand in the low six.
export const DW_CFA_PRIMARY_MASK = 0xc0;
export const DW_CFA_OPERAND_MASK = 0x3f;

// DW_EH_PE
export const DW_EH_PE_absptr = 0x0;
export const DW_EH_PE_omit = 0xff;
export const DW_EH_PE_uleb128 = 0x1;
export const DW_EH_PE_udata2 = 0x2;
export const DW_EH_PE_udata4 = 0x3;
export const DW_EH_PE_udata8 = 0x4;
export const DW_EH_PE_sleb128 = 0x9;
export const DW_EH_PE_sdata2 = 0xa;
export const DW_EH_PE_sdata4 = 0xb;
export const DW_EH_PE_sdata8 = 0xc;
export const DW_EH_PE_signed = 0x8;
export const DW_EH_PE_pcrel = 0x10;
export const DW_EH_PE_textrel = 0x20;
export const DW_EH_PE_datarel = 0x30;
export const DW_EH_PE_funcrel = 0x40;
export const DW_EH_PE_aligned = 0x50;
export const DW_EH_PE_indirect = 0x80;

const TABLES: Record<Family, ReadonlyArray<readonly [number, string]>> = {
  TAG: [
    [0x0, 'null'], [0x1, 'array_type'], [0x2, 'class_type'], [0x3, 'entry_point'], [0x4, 'enumeration_type'],
    [0x5, 'formal_parameter'], [0x8, 'imported_declaration'], [0xa, 'label'], [0xb, 'lexical_block'],
    [0xd, 'member'], [0xf, 'pointer_type'], [0x10, 'reference_type'], [0x11, 'compile_unit'], [0x12, 'string_type'],
    [0x13, 'structure_type'], [0x15, 'subroutine_type'], [0x16, 'typedef'], [0x17, 'union_type'],
    [0x18, 'unspecified_parameters'], [0x19, 'variant'], [0x1a, 'common_block'], [0x1b, 'common_inclusion'],
    [0x1c, 'inheritance'], [0x1d, 'inlined_subroutine'], [0x1e, 'module'], [0x1f, 'ptr_to_member_type'],
    [0x20, 'set_type'], [0x21, 'subrange_type'], [0x22, 'with_stmt'], [0x23, 'access_declaration'],
    [0x24, 'base_type'], [0x25, 'catch_block'], [0x26, 'const_type'], [0x27, 'constant'], [0x28, 'enumerator'],
    [0x29, 'file_type'], [0x2a, 'friend'], [0x2b, 'namelist'], [0x2c, 'namelist_item'], [0x2d, 'packed_type'],
    [0x2e, 'subprogram'], [0x2f, 'template_type_parameter'], [0x30, 'template_value_parameter'],
    [0x31, 'thrown_type'], [0x32, 'try_block'], [0x33, 'variant_part'], [0x34, 'variable'], [0x35, 'volatile_type'],
    [0x36, 'dwarf_procedure'], [0x37, 'restrict_type'], [0x38, 'interface_type'], [0x39, 'namespace'],
    [0x3a, 'imported_module'], [0x3b, 'unspecified_type'], [0x3c, 'partial_unit'], [0x3d, 'imported_unit'],
    [0x3f, 'condition'], [0x40, 'shared_type'], [0x41, 'type_unit'], [0x42, 'rvalue_reference_type'],
    [0x43, 'template_alias'], [0x44, 'coarray_type'], [0x45, 'generic_subrange'], [0x46, 'dynamic_type'],
    [0x47, 'atomic_type'], [0x48, 'call_site'], [0x49, 'call_site_parameter'], [0x4a, 'skeleton_unit'],
    [0x4b, 'immutable_type'], [0x4081, 'MIPS_loop'], [0x4101, 'format_label'], [0x4102, 'function_template'],
    [0x4103, 'class_template'], [0x4104, 'GNU_BINCL'], [0x4105, 'GNU_EINCL'],
    [0x4106, 'GNU_template_template_param'], [0x4107, 'GNU_template_parameter_pack'],
    [0x4108, 'GNU_formal_parameter_pack'], [0x4109, 'GNU_call_site'], [0x410a, 'GNU_call_site_parameter'],
    [0x4200, 'APPLE_property'], [0x4201, 'SUN_function_template'], [0x4202, 'SUN_class_template'],
    [0x4203, 'SUN_struct_template'], [0x4204, 'SUN_union_template'], [0x4205, 'SUN_indirect_inheritance'],
    [0x4206, 'SUN_codeflags'], [0x4207, 'SUN_memop_info'], [0x4208, 'SUN_omp_child_func'],
    [0x4209, 'SUN_rtti_descriptor'], [0x420a, 'SUN_dtor_info'], [0x420b, 'SUN_dtor'], [0x420c, 'SUN_f90_interface'],
    [0x420d, 'SUN_fortran_vax_structure'], [0x42ff, 'SUN_hi'], [0x5101, 'ALTIUM_circ_type'],
    [0x5102, 'ALTIUM_mwa_circ_type'], [0x5103, 'ALTIUM_rev_carry_type'], [0x5111, 'ALTIUM_rom'],
    [0x6000, 'LLVM_annotation'], [0x8004, 'GHS_namespace'], [0x8005, 'GHS_using_namespace'],
    [0x8006, 'GHS_using_declaration'], [0x8007, 'GHS_template_templ_param'], [0x8765, 'UPC_shared_type'],
    [0x8766, 'UPC_strict_type'], [0x8767, 'UPC_relaxed'], [0xa000, 'PGI_kanji_type'],
    [0xa020, 'PGI_interface_block'], [0xb000, 'BORLAND_property'], [0xb001, 'BORLAND_Delphi_string'],
    [0xb002, 'BORLAND_Delphi_dynamic_array'], [0xb003, 'BORLAND_Delphi_set'], [0xb004, 'BORLAND_Delphi_variant'],
  ],
  AT: [
    [0x1, 'sibling'], [0x2, 'location'], [0x3, 'name'], [0x9, 'ordering'], [0xb, 'byte_size'], [0xc, 'bit_offset'],
    [0xd, 'bit_size'], [0x10, 'stmt_list'], [0x11, 'low_pc'], [0x12, 'high_pc'], [0x13, 'language'],
    [0x15, 'discr'], [0x16, 'discr_value'], [0x17, 'visibility'], [0x18, 'import'], [0x19, 'string_length'],
    [0x1a, 'common_reference'], [0x1b, 'comp_dir'], [0x1c, 'const_value'], [0x1d, 'containing_type'],
    [0x1e, 'default_value'], [0x20, 'inline'], [0x21, 'is_optional'], [0x22, 'lower_bound'], [0x25, 'producer'],
    [0x27, 'prototyped'], [0x2a, 'return_addr'], [0x2c, 'start_scope'], [0x2e, 'bit_stride'], [0x2f, 'upper_bound'],
    [0x31, 'abstract_origin'], [0x32, 'accessibility'], [0x33, 'address_class'], [0x34, 'artificial'],
    [0x35, 'base_types'], [0x36, 'calling_convention'], [0x37, 'count'], [0x38, 'data_member_location'],
    [0x39, 'decl_column'], [0x3a, 'decl_file'], [0x3b, 'decl_line'], [0x3c, 'declaration'], [0x3d, 'discr_list'],
    [0x3e, 'encoding'], [0x3f, 'external'], [0x40, 'frame_base'], [0x41, 'friend'], [0x42, 'identifier_case'],
    [0x43, 'macro_info'], [0x44, 'namelist_item'], [0x45, 'priority'], [0x46, 'segment'], [0x47, 'specification'],
    [0x48, 'static_link'], [0x49, 'type'], [0x4a, 'use_location'], [0x4b, 'variable_parameter'],
    [0x4c, 'virtuality'], [0x4d, 'vtable_elem_location'], [0x4e, 'allocated'], [0x4f, 'associated'],
    [0x50, 'data_location'], [0x51, 'byte_stride'], [0x52, 'entry_pc'], [0x53, 'use_UTF8'], [0x54, 'extension'],
    [0x55, 'ranges'], [0x56, 'trampoline'], [0x57, 'call_column'], [0x58, 'call_file'], [0x59, 'call_line'],
    [0x5a, 'description'], [0x5b, 'binary_scale'], [0x5c, 'decimal_scale'], [0x5d, 'small'], [0x5e, 'decimal_sign'],
    [0x5f, 'digit_count'], [0x60, 'picture_string'], [0x61, 'mutable'], [0x62, 'threads_scaled'],
    [0x63, 'explicit'], [0x64, 'object_pointer'], [0x65, 'endianity'], [0x66, 'elemental'], [0x67, 'pure'],
    [0x68, 'recursive'], [0x69, 'signature'], [0x6a, 'main_subprogram'], [0x6b, 'data_bit_offset'],
    [0x6c, 'const_expr'], [0x6d, 'enum_class'], [0x6e, 'linkage_name'], [0x6f, 'string_length_bit_size'],
    [0x70, 'string_length_byte_size'], [0x71, 'rank'], [0x72, 'str_offsets_base'], [0x73, 'addr_base'],
    [0x74, 'rnglists_base'], [0x75, 'dwo_id'], [0x76, 'dwo_name'], [0x77, 'reference'], [0x78, 'rvalue_reference'],
    [0x79, 'macros'], [0x7a, 'call_all_calls'], [0x7b, 'call_all_source_calls'], [0x7c, 'call_all_tail_calls'],
    [0x7d, 'call_return_pc'], [0x7e, 'call_value'], [0x7f, 'call_origin'], [0x80, 'call_parameter'],
    [0x81, 'call_pc'], [0x82, 'call_tail_call'], [0x83, 'call_target'], [0x84, 'call_target_clobbered'],
    [0x85, 'call_data_location'], [0x86, 'call_data_value'], [0x87, 'noreturn'], [0x88, 'alignment'],
    [0x89, 'export_symbols'], [0x8a, 'deleted'], [0x8b, 'defaulted'], [0x8c, 'loclists_base'],
    [0x806, 'GHS_namespace_alias'], [0x807, 'GHS_using_namespace'], [0x808, 'GHS_using_declaration'],
    [0x2001, 'MIPS_fde'], [0x2002, 'MIPS_loop_begin'], [0x2003, 'MIPS_tail_loop_begin'],
    [0x2004, 'MIPS_epilog_begin'], [0x2005, 'MIPS_loop_unroll_factor'], [0x2006, 'MIPS_software_pipeline_depth'],
    [0x2007, 'MIPS_linkage_name'], [0x2008, 'MIPS_stride'], [0x2009, 'MIPS_abstract_name'],
    [0x200a, 'MIPS_clone_origin'], [0x200b, 'MIPS_has_inlines'], [0x200c, 'MIPS_stride_byte'],
    [0x200d, 'MIPS_stride_elem'], [0x200e, 'MIPS_ptr_dopetype'], [0x200f, 'MIPS_allocatable_dopetype'],
    [0x2010, 'MIPS_assumed_shape_dopetype'], [0x2011, 'MIPS_assumed_size'], [0x2012, 'HP_raw_data_ptr'],
    [0x2013, 'HP_pass_by_reference'], [0x2014, 'HP_opt_level'], [0x2015, 'HP_prof_version_id'],
    [0x2016, 'HP_opt_flags'], [0x2017, 'HP_cold_region_low_pc'], [0x2018, 'HP_cold_region_high_pc'],
    [0x2019, 'HP_all_variables_modifiable'], [0x201a, 'HP_linkage_name'], [0x201b, 'HP_prof_flags'],
    [0x201f, 'HP_unit_name'], [0x2020, 'HP_unit_size'], [0x2021, 'HP_widened_byte_size'],
    [0x2022, 'HP_definition_points'], [0x2023, 'HP_default_location'], [0x2029, 'HP_is_result_param'],
    [0x2026, 'DW_AT_INTEL_other_endian'], [0x2083, 'GHS_rsm'], [0x2085, 'GHS_frsm'], [0x2086, 'GHS_frames'],
    [0x2087, 'GHS_rso'], [0x2092, 'GHS_subcpu'], [0x2093, 'GHS_lbrace_line'], [0x2101, 'sf_names'],
    [0x2102, 'src_info'], [0x2103, 'mac_info'], [0x2104, 'src_coords'], [0x2105, 'body_begin'],
    [0x2106, 'body_end'], [0x2107, 'GNU_vector'], [0x210f, 'GNU_odr_signature'], [0x2110, 'GNU_template_name'],
    [0x2111, 'GNU_call_site_value'], [0x2112, 'GNU_call_site_data_value'], [0x2113, 'GNU_call_site_target'],
    [0x2114, 'GNU_call_site_target_clobbered'], [0x2115, 'GNU_tail_call'], [0x2116, 'GNU_all_tail_call_sites'],
    [0x2117, 'GNU_all_call_sites'], [0x2118, 'GNU_all_source_call_sites'], [0x2119, 'GNU_macros'],
    [0x211a, 'GNU_deleted'], [0x2130, 'GNU_dwo_name'], [0x2131, 'GNU_dwo_id'], [0x2132, 'GNU_ranges_base'],
    [0x2133, 'GNU_addr_base'], [0x2134, 'GNU_pubnames'], [0x2135, 'GNU_pubtypes'], [0x2136, 'GNU_discriminator'],
    [0x2137, 'GNU_locviews'], [0x2138, 'GNU_entry_view'], [0x2201, 'SUN_template'], [0x2202, 'SUN_alignment'],
    [0x2203, 'SUN_vtable'], [0x2204, 'SUN_count_guarantee'], [0x2205, 'SUN_command_line'], [0x2206, 'SUN_vbase'],
    [0x2207, 'SUN_compile_options'], [0x2208, 'SUN_language'], [0x2209, 'SUN_browser_file'],
    [0x2210, 'SUN_vtable_abi'], [0x2211, 'SUN_func_offsets'], [0x2212, 'SUN_cf_kind'], [0x2213, 'SUN_vtable_index'],
    [0x2214, 'SUN_omp_tpriv_addr'], [0x2215, 'SUN_omp_child_func'], [0x2216, 'SUN_func_offset'],
    [0x2217, 'SUN_memop_type_ref'], [0x2218, 'SUN_profile_id'], [0x2219, 'SUN_memop_signature'],
    [0x2220, 'SUN_obj_dir'], [0x2221, 'SUN_obj_file'], [0x2222, 'SUN_original_name'],
    [0x2223, 'SUN_hwcprof_signature'], [0x2224, 'SUN_amd64_parmdump'], [0x2225, 'SUN_part_link_name'],
    [0x2226, 'SUN_link_name'], [0x2227, 'SUN_pass_with_const'], [0x2228, 'SUN_return_with_const'],
    [0x2229, 'SUN_import_by_name'], [0x222a, 'SUN_90_pointer'], [0x222b, 'SUN_pass_by_ref'],
    [0x222c, 'SUN_f90_allocatable'], [0x222d, 'SUN_f90_assumed_shape_array'], [0x222e, 'SUN_c_vla'],
    [0x2230, 'SUN_return_value_ptr'], [0x2231, 'SUN_dtor_start'], [0x2232, 'SUN_dtor_length'],
    [0x2233, 'SUN_dtor_state_initial'], [0x2234, 'SUN_dtor_state_final'], [0x2235, 'SUN_dtor_state_deltas'],
    [0x2236, 'SUN_import_by_lname'], [0x2237, 'SUN_f90_use_only'], [0x2238, 'SUN_namelist_spec'],
    [0x2239, 'SUN_is_omp_child_func'], [0x223a, 'SUN_fortran_main_alias'], [0x223b, 'SUN_fortran_based'],
    [0x2300, 'ALTIUM_loclist'], [0x2301, 'use_GNAT_descriptive_type'], [0x2302, 'GNAT_descriptive_type'],
    [0x2303, 'GNU_numerator'], [0x2304, 'GNU_denominator'], [0x2305, 'GNU_bias'], [0x2900, 'GO_kind'],
    [0x2901, 'GO_key'], [0x2902, 'GO_elem'], [0x2903, 'GO_embedded_field'], [0x2904, 'GO_runtime_type'],
    [0x3210, 'UPC_threads_scaled'], [0x393e, 'IBM_wsa_addr'], [0x393f, 'IBM_home_location'],
    [0x3940, 'IBM_alt_srcview'], [0x3a00, 'PGI_lbase'], [0x3a01, 'PGI_soffset'], [0x3a02, 'PGI_lstride'],
    [0x3b11, 'BORLAND_property_read'], [0x3b12, 'BORLAND_property_write'], [0x3b13, 'BORLAND_property_implements'],
    [0x3b14, 'BORLAND_property_index'], [0x3b15, 'BORLAND_property_default'], [0x3b20, 'BORLAND_Delphi_unit'],
    [0x3b21, 'BORLAND_Delphi_class'], [0x3b22, 'BORLAND_Delphi_record'], [0x3b23, 'BORLAND_Delphi_metaclass'],
    [0x3b24, 'BORLAND_Delphi_constructor'], [0x3b25, 'BORLAND_Delphi_destructor'],
    [0x3b26, 'BORLAND_Delphi_anonymous_method'], [0x3b27, 'BORLAND_Delphi_interface'],
    [0x3b28, 'BORLAND_Delphi_ABI'], [0x3b29, 'BORLAND_Delphi_return'], [0x3b30, 'BORLAND_Delphi_frameptr'],
    [0x3b31, 'BORLAND_closure'], [0x3e00, 'LLVM_include_path'], [0x3e01, 'LLVM_config_macros'],
    [0x3e02, 'LLVM_sysroot'], [0x3e03, 'LLVM_tag_offset'], [0x3e07, 'LLVM_apinotes'], [0x3fe1, 'APPLE_optimized'],
    [0x3fe2, 'APPLE_flags'], [0x3fe3, 'APPLE_isa'], [0x3fe4, 'APPLE_block'], [0x3fe5, 'APPLE_major_runtime_vers'],
    [0x3fe6, 'APPLE_runtime_class'], [0x3fe7, 'APPLE_omit_frame_ptr'], [0x3fe8, 'APPLE_property_name'],
    [0x3fe9, 'APPLE_property_getter'], [0x3fea, 'APPLE_property_setter'], [0x3feb, 'APPLE_property_attribute'],
    [0x3fec, 'APPLE_objc_complete_type'], [0x3fed, 'APPLE_property'], [0x3fee, 'APPLE_objc_direct'],
    [0x3fef, 'APPLE_sdk'],
  ],
  FORM: [
    [0x1, 'addr'], [0x3, 'block2'], [0x4, 'block4'], [0x5, 'data2'], [0x6, 'data4'], [0x7, 'data8'],
    [0x8, 'string'], [0x9, 'block'], [0xa, 'block1'], [0xb, 'data1'], [0xc, 'flag'], [0xd, 'sdata'], [0xe, 'strp'],
    [0xf, 'udata'], [0x10, 'ref_addr'], [0x11, 'ref1'], [0x12, 'ref2'], [0x13, 'ref4'], [0x14, 'ref8'],
    [0x15, 'ref_udata'], [0x16, 'indirect'], [0x17, 'sec_offset'], [0x18, 'exprloc'], [0x19, 'flag_present'],
    [0x20, 'ref_sig8'], [0x1a, 'strx'], [0x1b, 'addrx'], [0x1c, 'ref_sup4'], [0x1d, 'strp_sup'], [0x1e, 'data16'],
    [0x1f, 'line_strp'], [0x21, 'implicit_const'], [0x22, 'loclistx'], [0x23, 'rnglistx'], [0x24, 'ref_sup8'],
    [0x25, 'strx1'], [0x26, 'strx2'], [0x27, 'strx3'], [0x28, 'strx4'], [0x29, 'addrx1'], [0x2a, 'addrx2'],
    [0x2b, 'addrx3'], [0x2c, 'addrx4'], [0x1f01, 'GNU_addr_index'], [0x1f02, 'GNU_str_index'],
    [0x1f20, 'GNU_ref_alt'], [0x1f21, 'GNU_strp_alt'], [0x2001, 'LLVM_addrx_offset'],
  ],
  OP: [
    [0xf0, 'GNU_uninit'], [0xf1, 'GNU_encoded_addr'], [0xf2, 'GNU_implicit_pointer'], [0xf4, 'GNU_const_type'],
    [0xf5, 'GNU_regval_type'], [0xf6, 'GNU_deref_type'], [0xf7, 'GNU_convert'], [0xf9, 'GNU_reinterpret'],
    [0xfa, 'GNU_parameter_ref'], [0xfd, 'GNU_variable_value'], [0x3, 'addr'], [0x6, 'deref'], [0x8, 'const1u'],
    [0x9, 'const1s'], [0xa, 'const2u'], [0xb, 'const2s'], [0xc, 'const4u'], [0xd, 'const4s'], [0xe, 'const8u'],
    [0xf, 'const8s'], [0x10, 'constu'], [0x11, 'consts'], [0x12, 'dup'], [0x13, 'drop'], [0x14, 'over'],
    [0x15, 'pick'], [0x16, 'swap'], [0x17, 'rot'], [0x18, 'xderef'], [0x19, 'abs'], [0x1a, 'and'], [0x1b, 'div'],
    [0x1c, 'minus'], [0x1d, 'mod'], [0x1e, 'mul'], [0x1f, 'neg'], [0x20, 'not'], [0x21, 'or'], [0x22, 'plus'],
    [0x23, 'plus_uconst'], [0x24, 'shl'], [0x25, 'shr'], [0x26, 'shra'], [0x27, 'xor'], [0x28, 'bra'], [0x29, 'eq'],
    [0x2a, 'ge'], [0x2b, 'gt'], [0x2c, 'le'], [0x2d, 'lt'], [0x2e, 'ne'], [0x2f, 'skip'], [0x30, 'lit0'],
    [0x31, 'lit1'], [0x32, 'lit2'], [0x33, 'lit3'], [0x34, 'lit4'], [0x35, 'lit5'], [0x36, 'lit6'], [0x37, 'lit7'],
    [0x38, 'lit8'], [0x39, 'lit9'], [0x3a, 'lit10'], [0x3b, 'lit11'], [0x3c, 'lit12'], [0x3d, 'lit13'],
    [0x3e, 'lit14'], [0x3f, 'lit15'], [0x40, 'lit16'], [0x41, 'lit17'], [0x42, 'lit18'], [0x43, 'lit19'],
    [0x44, 'lit20'], [0x45, 'lit21'], [0x46, 'lit22'], [0x47, 'lit23'], [0x48, 'lit24'], [0x49, 'lit25'],
    [0x4a, 'lit26'], [0x4b, 'lit27'], [0x4c, 'lit28'], [0x4d, 'lit29'], [0x4e, 'lit30'], [0x4f, 'lit31'],
    [0x50, 'reg0'], [0x51, 'reg1'], [0x52, 'reg2'], [0x53, 'reg3'], [0x54, 'reg4'], [0x55, 'reg5'], [0x56, 'reg6'],
    [0x57, 'reg7'], [0x58, 'reg8'], [0x59, 'reg9'], [0x5a, 'reg10'], [0x5b, 'reg11'], [0x5c, 'reg12'],
    [0x5d, 'reg13'], [0x5e, 'reg14'], [0x5f, 'reg15'], [0x60, 'reg16'], [0x61, 'reg17'], [0x62, 'reg18'],
    [0x63, 'reg19'], [0x64, 'reg20'], [0x65, 'reg21'], [0x66, 'reg22'], [0x67, 'reg23'], [0x68, 'reg24'],
    [0x69, 'reg25'], [0x6a, 'reg26'], [0x6b, 'reg27'], [0x6c, 'reg28'], [0x6d, 'reg29'], [0x6e, 'reg30'],
    [0x6f, 'reg31'], [0x70, 'breg0'], [0x71, 'breg1'], [0x72, 'breg2'], [0x73, 'breg3'], [0x74, 'breg4'],
    [0x75, 'breg5'], [0x76, 'breg6'], [0x77, 'breg7'], [0x78, 'breg8'], [0x79, 'breg9'], [0x7a, 'breg10'],
    [0x7b, 'breg11'], [0x7c, 'breg12'], [0x7d, 'breg13'], [0x7e, 'breg14'], [0x7f, 'breg15'], [0x80, 'breg16'],
    [0x81, 'breg17'], [0x82, 'breg18'], [0x83, 'breg19'], [0x84, 'breg20'], [0x85, 'breg21'], [0x86, 'breg22'],
    [0x87, 'breg23'], [0x88, 'breg24'], [0x89, 'breg25'], [0x8a, 'breg26'], [0x8b, 'breg27'], [0x8c, 'breg28'],
    [0x8d, 'breg29'], [0x8e, 'breg30'], [0x8f, 'breg31'], [0x90, 'regx'], [0x91, 'fbreg'], [0x92, 'bregx'],
    [0x93, 'piece'], [0x94, 'deref_size'], [0x95, 'xderef_size'], [0x96, 'nop'], [0x97, 'push_object_address'],
    [0x98, 'call2'], [0x99, 'call4'], [0x9a, 'call_ref'], [0x9b, 'form_tls_address'], [0x9c, 'call_frame_cfa'],
    [0x9d, 'bit_piece'], [0x9e, 'implicit_value'], [0x9f, 'stack_value'], [0xa0, 'implicit_pointer'],
    [0xa1, 'addrx'], [0xa2, 'constx'], [0xa3, 'entry_value'], [0xa4, 'const_type'], [0xa5, 'regval_type'],
    [0xa6, 'deref_type'], [0xa7, 'xderef_type'], [0xa8, 'convert'], [0xa9, 'reinterpret'],
    [0xe0, 'GNU_push_tls_address'], [0xe1, 'HP_is_value'], [0xe2, 'HP_fltconst4'], [0xe3, 'HP_fltconst8'],
    [0xe4, 'HP_mod_range'], [0xe5, 'HP_unmod_range'], [0xe6, 'HP_tls'], [0xe8, 'INTEL_bit_piece'],
    [0xed, 'WASM_location'], [0xee, 'WASM_location_int'], [0xf0, 'APPLE_uninit'], [0xf3, 'GNU_entry_value'],
    [0xf8, 'PGI_omp_thread_num'], [0xfb, 'GNU_addr_index'], [0xfc, 'GNU_const_index'],
  ],
  LANG: [
    [0x1, 'C89'], [0x2, 'C'], [0x3, 'Ada83'], [0x4, 'C_plus_plus'], [0x5, 'Cobol74'], [0x6, 'Cobol85'],
    [0x7, 'Fortran77'], [0x8, 'Fortran90'], [0x9, 'Pascal83'], [0xa, 'Modula2'], [0xb, 'Java'], [0xc, 'C99'],
    [0xd, 'Ada95'], [0xe, 'Fortran95'], [0xf, 'PLI'], [0x10, 'ObjC'], [0x11, 'ObjC_plus_plus'], [0x12, 'UPC'],
    [0x13, 'D'], [0x14, 'Python'], [0x15, 'OpenCL'], [0x16, 'Go'], [0x17, 'Modula3'], [0x18, 'Haskell'],
    [0x19, 'C_plus_plus_03'], [0x1a, 'C_plus_plus_11'], [0x1b, 'OCaml'], [0x1c, 'Rust'], [0x1d, 'C11'],
    [0x1e, 'Swift'], [0x1f, 'Julia'], [0x20, 'Dylan'], [0x21, 'C_plus_plus_14'], [0x22, 'Fortran03'],
    [0x23, 'Fortran08'], [0x24, 'RenderScript'], [0x25, 'BLISS'], [0x8001, 'Mips_Assembler'],
    [0x8e57, 'GOOGLE_RenderScript'], [0xb000, 'BORLAND_Delphi'],
  ],
  ATE: [
    [0x1, 'address'], [0x2, 'boolean'], [0x3, 'complex_float'], [0x4, 'float'], [0x5, 'signed'],
    [0x6, 'signed_char'], [0x7, 'unsigned'], [0x8, 'unsigned_char'], [0x9, 'imaginary_float'],
    [0xa, 'packed_decimal'], [0xb, 'numeric_string'], [0xc, 'edited'], [0xd, 'signed_fixed'],
    [0xe, 'unsigned_fixed'], [0xf, 'decimal_float'], [0x10, 'UTF'], [0x11, 'UCS'], [0x12, 'ASCII'],
    [0x81, 'HP_complex_float'], [0x82, 'HP_float128'], [0x83, 'HP_complex_float128'], [0x84, 'HP_floathpintel'],
    [0x85, 'HP_imaginary_float90'], [0x86, 'HP_imaginary_float128'],
  ],
  VIRTUALITY: [
    [0x0, 'none'], [0x1, 'virtual'], [0x2, 'pure_virtual'],
  ],
  CC: [
    [0x1, 'normal'], [0x2, 'program'], [0x3, 'nocall'], [0x4, 'pass_by_reference'], [0x5, 'pass_by_value'],
    [0x40, 'GNU_renesas_sh'], [0x41, 'GNU_borland_fastcall_i386'], [0xb0, 'BORLAND_safecall'],
    [0xb1, 'BORLAND_stdcall'], [0xb2, 'BORLAND_pascal'], [0xb3, 'BORLAND_msfastcall'], [0xb4, 'BORLAND_msreturn'],
    [0xb5, 'BORLAND_thiscall'], [0xb6, 'BORLAND_fastcall'], [0xc0, 'LLVM_vectorcall'], [0xc1, 'LLVM_Win64'],
    [0xc2, 'LLVM_X86_64SysV'], [0xc3, 'LLVM_AAPCS'], [0xc4, 'LLVM_AAPCS_VFP'], [0xc5, 'LLVM_IntelOclBicc'],
    [0xc6, 'LLVM_SpirFunction'], [0xc7, 'LLVM_OpenCLKernel'], [0xc8, 'LLVM_Swift'], [0xc9, 'LLVM_PreserveMost'],
    [0xca, 'LLVM_PreserveAll'], [0xcb, 'LLVM_X86RegCall'], [0xff, 'GDB_IBM_OpenCL'],
  ],
  LNS: [
    [0x0, 'extended_op'], [0x1, 'copy'], [0x2, 'advance_pc'], [0x3, 'advance_line'], [0x4, 'set_file'],
    [0x5, 'set_column'], [0x6, 'negate_stmt'], [0x7, 'set_basic_block'], [0x8, 'const_add_pc'],
    [0x9, 'fixed_advance_pc'], [0xa, 'set_prologue_end'], [0xb, 'set_epilogue_begin'], [0xc, 'set_isa'],
  ],
  LNE: [
    [0x1, 'end_sequence'], [0x2, 'set_address'], [0x3, 'define_file'], [0x4, 'set_discriminator'],
  ],
  LNCT: [
    [0x1, 'path'], [0x2, 'directory_index'], [0x3, 'timestamp'], [0x4, 'size'], [0x5, 'MD5'],
    [0x2001, 'LLVM_source'],
  ],
  CFA: [
    [0x0, 'nop'], [0x40, 'advance_loc'], [0x80, 'offset'], [0xc0, 'restore'], [0x1, 'set_loc'],
    [0x2, 'advance_loc1'], [0x3, 'advance_loc2'], [0x4, 'advance_loc4'], [0x5, 'offset_extended'],
    [0x6, 'restore_extended'], [0x7, 'undefined'], [0x8, 'same_value'], [0x9, 'register'], [0xa, 'remember_state'],
    [0xb, 'restore_state'], [0xc, 'def_cfa'], [0xd, 'def_cfa_register'], [0xe, 'def_cfa_offset'],
    [0xf, 'def_cfa_expression'], [0x10, 'expression'], [0x11, 'offset_extended_sf'], [0x12, 'def_cfa_sf'],
    [0x13, 'def_cfa_offset_sf'], [0x14, 'val_offset'], [0x15, 'val_offset_sf'], [0x16, 'val_expression'],
    [0x1d, 'MIPS_advance_loc8'], [0x2d, 'GNU_window_save'], [0x2d, 'AARCH64_negate_ra_state'],
    [0x2e, 'GNU_args_size'], [0x30, 'LLVM_def_aspace_cfa'], [0x31, 'LLVM_def_aspace_cfa_sf'],
    [0x2f, 'GNU_negative_offset_extended'],
  ],
  UT: [
    [0x1, 'compile'], [0x2, 'type'], [0x3, 'partial'], [0x4, 'skeleton'], [0x5, 'split_compile'],
    [0x6, 'split_type'],
  ],
  RLE: [
    [0x0, 'end_of_list'], [0x1, 'base_addressx'], [0x2, 'startx_endx'], [0x3, 'startx_length'],
    [0x4, 'offset_pair'], [0x5, 'base_address'], [0x6, 'start_end'], [0x7, 'start_length'],
  ],
  LLE: [
    [0x0, 'end_of_list'], [0x1, 'base_addressx'], [0x2, 'startx_endx'], [0x3, 'startx_length'],
    [0x4, 'offset_pair'], [0x5, 'default_location'], [0x6, 'base_address'], [0x7, 'start_end'],
    [0x8, 'start_length'], [0x9, 'GNU_view_pair'],
  ],
  ACCESS: [
    [0x1, 'public'], [0x2, 'protected'], [0x3, 'private'],
  ],
  VIS: [
    [0x1, 'local'], [0x2, 'exported'], [0x3, 'qualified'],
  ],
  INL: [
    [0x0, 'not_inlined'], [0x1, 'inlined'], [0x2, 'declared_not_inlined'], [0x3, 'declared_inlined'],
  ],
  ID: [
    [0x0, 'case_sensitive'], [0x1, 'up_case'], [0x2, 'down_case'], [0x3, 'case_insensitive'],
  ],
  ORD: [
    [0x0, 'row_major'], [0x1, 'col_major'],
  ],
  DS: [
    [0x1, 'unsigned'], [0x2, 'leading_overpunch'], [0x3, 'trailing_overpunch'], [0x4, 'leading_separate'],
    [0x5, 'trailing_separate'],
  ],
  EH_PE: [
    [0x0, 'absptr'], [0xff, 'omit'], [0x1, 'uleb128'], [0x2, 'udata2'], [0x3, 'udata4'], [0x4, 'udata8'],
    [0x9, 'sleb128'], [0xa, 'sdata2'], [0xb, 'sdata4'], [0xc, 'sdata8'], [0x8, 'signed'], [0x10, 'pcrel'],
    [0x20, 'textrel'], [0x30, 'datarel'], [0x40, 'funcrel'], [0x50, 'aligned'], [0x80, 'indirect'],
  ],
};

const maps = new Map<Family, Map<number, string>>();

/** The spec name of `value` in `family` (e.g. nameOf('TAG', 0x11) is 'DW_TAG_compile_unit'), or undefined. */
export function nameOf(family: Family, value: number): string | undefined {
  let map = maps.get(family);
  if (!map) {
    map = new Map();
    for (const [v, n] of TABLES[family]) if (!map.has(v)) map.set(v, `DW_${family}_${n}`);
    maps.set(family, map);
  }
  return map.get(value);
}

/** nameOf, or the llvm-dwarfdump spelling of an unknown value: DW_TAG_unknown_0x4103 style. */
export function nameOrUnknown(family: Family, value: number): string {
  return nameOf(family, value) ?? `DW_${family}_unknown_0x${value.toString(16)}`;
}
